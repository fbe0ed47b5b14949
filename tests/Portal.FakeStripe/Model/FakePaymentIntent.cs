namespace Portal.FakeStripe;

/// <summary>
/// A PaymentIntent as the fake holds it. Public so a test can count real charges (e.g. per
/// <c>metadata["charge_id"]</c>) without going through the API.
/// </summary>
public sealed record FakePaymentIntent
{
    public required string Id { get; init; }

    public required long Amount { get; init; }

    public required string Currency { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public string? Customer { get; init; }

    public string? PaymentMethod { get; init; }

    public string? Description { get; init; }

    public string? SetupFutureUsage { get; init; }

    public string? LatestCharge { get; init; }

    /// <summary>The Idempotency-Key of the API request that created it (null for checkout-made ones).</summary>
    public string? IdempotencyKey { get; init; }

    public long AmountReceived { get; init; }

    internal long Seq { get; init; }

    internal Decline? LastError { get; init; }

    internal string? LastErrorType { get; init; }

    /// <summary>The payment method of the failed attempt: Stripe detaches it from the PaymentIntent itself.</summary>
    internal string? LastErrorPaymentMethod { get; init; }
}

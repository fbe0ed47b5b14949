namespace Portal.Core.Payments;

/// <summary>A hosted page where a donor saves a new payment method to their existing customer; no money moves.</summary>
/// <param name="Currency">The currency later charges are in, when known: some methods (SEPA) need it to be offered.</param>
/// <param name="IdempotencyKey">The same key returns the same page, so a double click makes one session.</param>
/// <param name="SuccessUrl">Where the donor returns; <c>{CHECKOUT_SESSION_ID}</c> is filled in.</param>
public sealed record SetupCheckoutRequest(
    Guid DonorId,
    string CustomerId,
    string DonorEmail,
    string? Currency,
    string Locale,
    string IdempotencyKey,
    Uri SuccessUrl,
    Uri CancelUrl)
{
    public IReadOnlyDictionary<string, string> Metadata => new Dictionary<string, string> { [PaymentMetadata.DonorId] = DonorId.ToString() };
}

/// <summary>What the gateway knows of a saved-method setup.</summary>
/// <param name="Method">The saved method, once the setup succeeded.</param>
public sealed record SetupLookup(string SetupIntentId, SetupState State, string? CustomerId, SavedPaymentMethod? Method);

public enum SetupState
{
    /// <summary>Still waiting for the donor (or their bank).</summary>
    Open = 0,
    Succeeded = 1,
    Failed = 2,
    /// <summary>The gateway has no such setup.</summary>
    Unknown = 3,
}

namespace Portal.FakeStripe;

// The fake's state. Records are immutable: a change stores a new version (`with`), so a reader never sees
// half an update and no lock is held while a response is rendered. Seq orders lists newest-first.

internal sealed record CustomerRecord(string Id, long Seq, long Created, string? Email, string? Name, string? Description,
    IReadOnlyDictionary<string, string> Metadata);

internal sealed record PaymentMethodRecord(string Id, long Created, PaymentMethodBehavior Behavior, string? Customer)
{
    /// <summary>The card's expiry; null renders the fixture's (08/2030).</summary>
    public CardExpiry? Expiry { get; init; }
}

/// <summary>A card's expiry month (1-12) and four-digit year, as Stripe's <c>card.exp_month</c>/<c>exp_year</c>.</summary>
public sealed record CardExpiry(int Month, int Year);

internal sealed record SetupIntentRecord(string Id, long Seq, long Created, string? Customer, string PaymentMethod,
    IReadOnlyDictionary<string, string> Metadata, string? Description, string Usage);

internal sealed record LineItem(string Name, long UnitAmount, long Quantity, string Currency);

internal sealed record SessionRecord(string Id, long Seq, long Created, long ExpiresAt, string Mode, string? SubmitType,
    string? Customer, string? CustomerCreation, string? CustomerEmail, string? ClientReferenceId, string? SuccessUrl,
    string? CancelUrl, string? Locale, IReadOnlyList<LineItem> LineItems, long AmountTotal, string Currency,
    IReadOnlyDictionary<string, string> Metadata, IReadOnlyDictionary<string, string> PaymentIntentMetadata,
    string? PaymentIntentDescription, string? SetupFutureUsage, IReadOnlyList<string> PaymentMethodTypes, string Url)
{
    public string Status { get; init; } = "open";

    public string PaymentStatus { get; init; } = "unpaid";

    /// <summary>Shown on the session only once it completes, as Stripe does.</summary>
    public string? PaymentIntent { get; init; }

    /// <summary>The PaymentIntent the donor's attempts use; a declined card keeps it for the next try.</summary>
    public string? AttemptPaymentIntent { get; init; }

    /// <summary>Mode setup: <c>setup_intent_data[metadata]</c>, given to the SetupIntent made when the session completes.</summary>
    public IReadOnlyDictionary<string, string> SetupIntentMetadata { get; init; } = new Dictionary<string, string>();

    public string? SetupIntentDescription { get; init; }

    /// <summary>Mode setup: the SetupIntent, shown once the session completes.</summary>
    public string? SetupIntent { get; init; }
}

internal sealed record ChargeRecord(string Id, long Seq, long Created, long Amount, string Currency, string PaymentIntent,
    string? Customer, string PaymentMethod, PaymentMethodBehavior Behavior, string? Description,
    IReadOnlyDictionary<string, string> Metadata)
{
    public string Status { get; init; } = "succeeded";

    public string? BalanceTransaction { get; init; }

    public long AmountRefunded { get; init; }

    public IReadOnlyList<string> Refunds { get; init; } = [];

    public Decline? Failure { get; init; }

    /// <summary>Set once a dispute is opened; Stripe then refuses refunds (the money is already withdrawn).</summary>
    public bool Disputed { get; init; }
}

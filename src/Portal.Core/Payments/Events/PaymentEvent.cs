namespace Portal.Core.Payments.Events;

/// <summary>What a gateway event says about one of our charges, whatever the gateway.</summary>
/// <param name="PaymentIntentId">The payment to read back from the gateway; null when the event has none yet.</param>
/// <param name="CardFingerprint">The gateway's fingerprint of a declined card: the same card gives the same one.</param>
public sealed record PaymentEvent(
    PaymentEventKind Kind,
    Guid ChargeId,
    string? CheckoutSessionId,
    string? PaymentIntentId,
    string? CustomerId,
    string? DeclineCode,
    string? FailureMessage,
    int? Attempt = null,
    string? CardFingerprint = null);

public enum PaymentEventKind
{
    /// <summary>Paid (a card at checkout, a settled debit, an off-session charge).</summary>
    Succeeded = 1,
    /// <summary>Accepted, outcome later (SEPA).</summary>
    Processing = 2,
    /// <summary>A payment that cannot succeed any more (a returned debit, an off-session decline).</summary>
    Failed = 3,
    /// <summary>One try failed but the donor can still try again on the open checkout page.</summary>
    AttemptFailed = 4,
}

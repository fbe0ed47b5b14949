using Portal.Core.Shared;

namespace Portal.Core.Payments;

/// <param name="IdempotencyKey">Derived from the charge and the attempt, so a retry of the same attempt is the same call.</param>
/// <param name="Attempt">Travels as metadata with the charge id, so the attempt's payment can be found again.</param>
public sealed record OffSessionChargeRequest(
    Guid ChargeId,
    Guid SponsorshipId,
    Guid DonorId,
    Guid FundId,
    Money Amount,
    string CustomerId,
    string PaymentMethodId,
    string Description,
    string IdempotencyKey,
    int Attempt = 1)
{
    public IReadOnlyDictionary<string, string> Metadata => PaymentMetadata.For(ChargeId, SponsorshipId, DonorId, FundId, Attempt);
}

public abstract record OffSessionChargeResult
{
    private OffSessionChargeResult()
    {
    }

    /// <param name="GatewayChargeId">The gateway's charge behind it (<c>ch_...</c>), when the answer names it.</param>
    public sealed record Succeeded(string PaymentIntentId, string? GatewayChargeId = null) : OffSessionChargeResult;

    /// <summary>Accepted; the outcome arrives later by event (SEPA Direct Debit).</summary>
    public sealed record Processing(string PaymentIntentId) : OffSessionChargeResult;

    /// <summary>The donor must come back and confirm (3-D Secure).</summary>
    public sealed record AuthenticationRequired(string? PaymentIntentId, string Message) : OffSessionChargeResult;

    public sealed record Declined(string? PaymentIntentId, string DeclineCode, string Message, DeclineKind Kind) : OffSessionChargeResult;

    /// <summary>Rate-limited, a server error or no answer: the outcome is unknown; retry with the same key.</summary>
    public sealed record Transient(string Reason) : OffSessionChargeResult;
}

public enum DeclineKind
{
    /// <summary>Retrying the same method will not help (lost, stolen, closed account): ask for a new method.</summary>
    Hard = 1,
    /// <summary>May pass later (insufficient funds, processing error): retry on a schedule.</summary>
    Soft = 2,
}

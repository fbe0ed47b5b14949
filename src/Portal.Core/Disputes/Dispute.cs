using Portal.Core.Data;

namespace Portal.Core.Disputes;

/// <summary>
/// A donor's bank took a payment back: a card dispute (chargeback) with a deadline for evidence, or a SEPA return,
/// which cannot be contested. The amount and the gateway's dispute fee leave the fund when the funds are withdrawn,
/// and the amount comes back if the dispute is won.
/// </summary>
public class Dispute : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ChargeId { get; set; }

    public required string Gateway { get; set; }

    /// <summary><c>du_...</c>: unique per gateway.</summary>
    public required string GatewayDisputeId { get; set; }

    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    /// <summary>The gateway's fee for the dispute, in <see cref="FeeCurrency"/> (the settlement currency).</summary>
    public long FeeMinor { get; set; }

    public string? FeeCurrency { get; set; }

    public required string Reason { get; set; }

    /// <summary>The gateway's status: <c>needs_response</c>, <c>under_review</c>, <c>won</c>, <c>lost</c> and others.</summary>
    public required string Status { get; set; }

    /// <summary>The last moment to submit evidence; null for a bank return.</summary>
    public DateTime? EvidenceDueBy { get; set; }

    /// <summary>A SEPA (bank debit) return: lost at once, nothing to contest.</summary>
    public bool IsBankReturn { get; set; }

    public DateTime? FundsWithdrawnAt { get; set; }

    public DateTime? FundsReinstatedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }

    public bool IsOpen => Status is not ("won" or "lost" or "warning_closed" or "prevented");
}

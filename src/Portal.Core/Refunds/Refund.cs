using Portal.Core.Data;

namespace Portal.Core.Refunds;

/// <summary>
/// Money given back on a charge, in full or in part. The row is written before the gateway is asked, so the request
/// carries the deterministic key <see cref="IdempotencyKey"/> and a crash between the two never refunds twice.
/// </summary>
public class Refund : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ChargeId { get; set; }

    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    /// <summary>Why, in the staff member's words; required.</summary>
    public required string Reason { get; set; }

    /// <summary>The gateway's reason code: <c>requested_by_customer</c>, <c>duplicate</c>, <c>fraudulent</c>.</summary>
    public string? GatewayReason { get; set; }

    public RefundStatus Status { get; set; }

    /// <summary><c>re_...</c> once the gateway has it; unique.</summary>
    public string? GatewayRefundId { get; set; }

    public string? FailureReason { get; set; }

    /// <summary>The staff member, or <c>gateway</c> for a refund made in the gateway's dashboard and found afterwards.</summary>
    public required string RequestedBy { get; set; }

    /// <summary>The donor's request this refund answers, if any.</summary>
    public long? RefundRequestId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SucceededAt { get; set; }

    public DateTime? FailedAt { get; set; }

    public int Version { get; set; }

    public string IdempotencyKey => $"refund-{Id}";
}

public enum RefundStatus
{
    /// <summary>Recorded, not yet accepted by the gateway (or its answer was lost: sent again with the same key).</summary>
    Requested = 0,
    /// <summary>Accepted, money not yet returned (bank debits).</summary>
    Pending = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>A donor asking for money back from their account page; Finance refunds or declines it.</summary>
public class RefundRequest
{
    public long Id { get; set; }

    public Guid DonorId { get; set; }

    public Guid ChargeId { get; set; }

    public required string Reason { get; set; }

    public RefundRequestStatus Status { get; set; }

    public string? Decision { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    public Guid? RefundId { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum RefundRequestStatus
{
    Open = 0,
    Refunded = 1,
    Declined = 2,
}

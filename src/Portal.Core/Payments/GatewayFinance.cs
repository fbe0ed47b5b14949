using Portal.Core.Shared;

namespace Portal.Core.Payments;

/// <summary>A refund to ask the gateway for. <see cref="IdempotencyKey"/> is the refund row's, so a retry is the same request.</summary>
public sealed record GatewayRefundRequest(Guid RefundId, Guid ChargeId, string PaymentIntentId, Money Amount, string? Reason, string IdempotencyKey);

/// <summary>What the gateway knows of one refund.</summary>
public sealed record GatewayRefund(string Id, string? PaymentIntentId, Money Amount, GatewayRefundState State, string? FailureReason, Guid? RefundId);

public enum GatewayRefundState
{
    Pending = 0,
    Succeeded = 1,
    Failed = 2,
    Canceled = 3,
}

/// <summary>The answer to a refund request: accepted (in any state), refused for a reason staff can read, or no answer.</summary>
public abstract record RefundResult
{
    public sealed record Accepted(GatewayRefund Refund) : RefundResult;

    public sealed record Refused(string Message) : RefundResult;

    public sealed record Unavailable(string Message) : RefundResult;
}

/// <summary>What the gateway knows of one dispute (a chargeback or a bank return).</summary>
/// <param name="Fee">The dispute fee the gateway charged, in its settlement currency; null while none is known.</param>
public sealed record GatewayDispute(
    string Id,
    string? PaymentIntentId,
    Money Amount,
    string Reason,
    string Status,
    DateTime? EvidenceDueBy,
    bool IsBankReturn,
    Money? Fee,
    bool FundsWithdrawn,
    bool FundsReinstated,
    DateTime Created);

/// <summary>A payout: money the gateway sent to the bank.</summary>
public sealed record GatewayPayout(string Id, Money Amount, DateOnly ArrivalDate, string Status, string? FailureCode, DateTime Created);

/// <summary>
/// One balance transaction of a payout, with what it is about: our charge (by the metadata we gave the payment), our
/// refund (by its metadata) or a dispute. Amounts are in the settlement currency.
/// </summary>
public sealed record GatewayBalanceLine(
    string Id,
    string Type,
    string? ReportingCategory,
    string? SourceId,
    long Amount,
    long Fee,
    long Net,
    string Currency,
    decimal? ExchangeRate,
    DateTime Created,
    string? PaymentIntentId,
    Guid? ChargeId,
    Guid? RefundId,
    string? DisputeId);

/// <summary>
/// The money side of a gateway: refunds, disputes and payouts. Apart from <see cref="IPaymentGateway"/> because a
/// gateway that pays nothing out (the local sandbox) answers most of it with nothing.
/// </summary>
public interface IGatewayFinance
{
    string Name { get; }

    Task<RefundResult> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken);

    Task<GatewayRefund?> GetRefundAsync(string refundId, CancellationToken cancellationToken);

    /// <summary>Every refund of a payment, including ones made in the gateway's own dashboard.</summary>
    Task<IReadOnlyList<GatewayRefund>> ListRefundsAsync(string paymentIntentId, CancellationToken cancellationToken);

    /// <summary>Every refund created since the moment, all pages: what the nightly drift check compares.</summary>
    IAsyncEnumerable<GatewayRefund> ListRefundsSinceAsync(DateTimeOffset createdSince, CancellationToken cancellationToken);

    /// <summary>Every dispute created since the moment, all pages.</summary>
    IAsyncEnumerable<GatewayDispute> ListDisputesSinceAsync(DateTimeOffset createdSince, CancellationToken cancellationToken);

    Task<GatewayDispute?> GetDisputeAsync(string disputeId, CancellationToken cancellationToken);

    Task<IReadOnlyList<GatewayDispute>> ListDisputesAsync(string paymentIntentId, CancellationToken cancellationToken);

    /// <summary>The line with what its source says of it (the payment, our metadata), read from the gateway.</summary>
    Task<GatewayBalanceLine> WithSourceAsync(GatewayBalanceLine line, CancellationToken cancellationToken);

    Task<GatewayPayout?> GetPayoutAsync(string payoutId, CancellationToken cancellationToken);

    /// <summary>Payouts created since the given moment, newest first, all pages.</summary>
    IAsyncEnumerable<GatewayPayout> ListPayoutsAsync(DateTimeOffset createdSince, CancellationToken cancellationToken);

    /// <summary>Every balance transaction a payout settles, all pages, the payout's own included.</summary>
    IAsyncEnumerable<GatewayBalanceLine> ListPayoutLinesAsync(string payoutId, CancellationToken cancellationToken);
}

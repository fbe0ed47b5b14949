using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Refunds;
using Portal.Core.Shared;

namespace Portal.Core.Payments.Sandbox;

// The sandbox refunds at once and never pays out or sees a dispute: no money moves, so there is nothing to settle.
// Its refunds are the portal's own refund rows, found by the id the sandbox gave them.
public sealed partial class SandboxGateway
{
    private const string RefundPrefix = "re_sbx_";

    public async Task<RefundResult> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payment = await db.SandboxPayments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PaymentIntentId, cancellationToken);
        if (payment is null || payment.Status != SandboxPaymentStatus.Succeeded)
        {
            return new RefundResult.Refused("This payment has not succeeded in the sandbox, so it cannot be refunded.");
        }

        var id = RefundPrefix + request.RefundId.ToString("N");
        return new RefundResult.Accepted(new GatewayRefund(id, payment.Id, request.Amount, GatewayRefundState.Succeeded, null, request.RefundId));
    }

    public async Task<GatewayRefund?> GetRefundAsync(string refundId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var refund = await db.Refunds.AsNoTracking().SingleOrDefaultAsync(r => r.GatewayRefundId == refundId, cancellationToken);
        return refund is null ? null : Read(refund, null);
    }

    public async Task<IReadOnlyList<GatewayRefund>> ListRefundsAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var refunds = await (from refund in db.Refunds.AsNoTracking()
                             join charge in db.Charges on refund.ChargeId equals charge.Id
                             where charge.PaymentIntentId == paymentIntentId && refund.GatewayRefundId != null
                             select refund).ToListAsync(cancellationToken);
        return refunds.Select(r => Read(r, paymentIntentId)).ToList();
    }

    public async IAsyncEnumerable<GatewayRefund> ListRefundsSinceAsync(
        DateTimeOffset createdSince,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }

    public async IAsyncEnumerable<GatewayDispute> ListDisputesSinceAsync(
        DateTimeOffset createdSince,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }

    public Task<GatewayDispute?> GetDisputeAsync(string disputeId, CancellationToken cancellationToken) => Task.FromResult<GatewayDispute?>(null);

    public Task<IReadOnlyList<GatewayDispute>> ListDisputesAsync(string paymentIntentId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<GatewayDispute>>([]);

    public Task<GatewayBalanceLine> WithSourceAsync(GatewayBalanceLine line, CancellationToken cancellationToken) => Task.FromResult(line);

    public Task<GatewayPayout?> GetPayoutAsync(string payoutId, CancellationToken cancellationToken) => Task.FromResult<GatewayPayout?>(null);

    public async IAsyncEnumerable<GatewayPayout> ListPayoutsAsync(
        DateTimeOffset createdSince,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }

    public async IAsyncEnumerable<GatewayBalanceLine> ListPayoutLinesAsync(
        string payoutId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }

    private static GatewayRefund Read(Refund refund, string? paymentIntentId) => new(
        refund.GatewayRefundId!,
        paymentIntentId,
        new Money(refund.AmountMinor, Currency.Of(refund.Currency)),
        refund.Status == RefundStatus.Failed ? GatewayRefundState.Failed : GatewayRefundState.Succeeded,
        refund.FailureReason,
        refund.Id);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments;
using Portal.Core.Sponsorships;

namespace Portal.Core.Refunds;

/// <summary>
/// Brings our refunds of one payment in line with the gateway's list, read afresh (events arrive in any order and may
/// be missed): each known refund moves to the gateway's state, and a refund made in the gateway's own dashboard is
/// adopted as ours. Used by refund events and by the nightly drift check. The caller saves.
/// </summary>
public sealed class GatewayRefunds(PortalDbContext db, RefundStates states, CharityCalendar calendar, ILogger<GatewayRefunds> logger)
{
    public async Task<IReadOnlyList<string>> ApplyAsync(Charge charge, IReadOnlyList<GatewayRefund> seen, CancellationToken cancellationToken)
    {
        var changes = new List<string>();
        var ours = await db.Refunds.Where(r => r.ChargeId == charge.Id).ToListAsync(cancellationToken);
        foreach (var refund in seen)
        {
            var known = ours.FirstOrDefault(r => r.GatewayRefundId == refund.Id) ?? ours.FirstOrDefault(r => r.Id == refund.RefundId);
            if (known is null)
            {
                if (refund.State is GatewayRefundState.Failed or GatewayRefundState.Canceled)
                {
                    continue;
                }

                known = new Refund
                {
                    ChargeId = charge.Id,
                    AmountMinor = refund.Amount.Minor,
                    Currency = refund.Amount.Currency.Code,
                    Reason = "Refunded in the payment provider's dashboard",
                    Status = RefundStatus.Requested,
                    GatewayRefundId = refund.Id,
                    RequestedBy = "gateway",
                    CreatedAt = calendar.UtcNow,
                };
                charge.AmountRefundedMinor += refund.Amount.Minor;
                db.Refunds.Add(known);
                ours.Add(known);
                RefundLog.Adopted(logger, refund.Id);
                changes.Add($"adopted refund {refund.Id} of {refund.Amount} made at the gateway");
            }

            if (await states.ApplyAsync(known, refund, cancellationToken) is { } change)
            {
                changes.Add(change);
            }
        }

        return changes;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Communications;
using Portal.Core.Communications.Receipts;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Payments;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;

namespace Portal.Core.Refunds;

/// <summary>
/// Moves a refund to what the gateway says of it now, only forwards, whoever asks (the send, an event, the nightly
/// drift check): it posts once when it succeeds, queues one amended receipt, and gives the amount back to the charge if
/// it fails. The caller saves the unit of work.
/// </summary>
public sealed class RefundStates(PortalDbContext db, Journal journal, CharityCalendar calendar, EmailOutbox outbox, ILogger<RefundStates> logger)
{
    /// <returns>What changed, in words, or null when nothing did.</returns>
    public async Task<string?> ApplyAsync(Refund refund, GatewayRefund seen, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginIdScope("RefundId", refund.Id);
        if (seen.Id.Length > 0)
        {
            refund.GatewayRefundId ??= seen.Id;
        }

        var target = seen.State switch
        {
            GatewayRefundState.Succeeded => RefundStatus.Succeeded,
            GatewayRefundState.Failed or GatewayRefundState.Canceled => RefundStatus.Failed,
            _ => RefundStatus.Pending,
        };
        if (target == refund.Status || refund.Status == RefundStatus.Failed
            || (target == RefundStatus.Pending && refund.Status == RefundStatus.Succeeded))
        {
            RefundLog.Unchanged(logger, refund.Id, refund.Status);
            return null;
        }

        var charge = await db.Charges.SingleAsync(c => c.Id == refund.ChargeId, cancellationToken);
        var sponsorship = await db.Sponsorships.SingleAsync(s => s.Id == charge.SponsorshipId, cancellationToken);
        var fund = await db.Funds.SingleAsync(f => f.Id == (charge.FundId ?? sponsorship.FundId), cancellationToken);
        var date = await journal.OpenDateAsync(calendar.Today, cancellationToken);
        var was = refund.Status;
        if (target == RefundStatus.Failed)
        {
            refund.FailureReason = seen.FailureReason ?? "The payment provider could not return the money.";
            refund.FailedAt = calendar.UtcNow;
            refund.Status = RefundStatus.Failed;
            charge.AmountRefundedMinor = Math.Max(0, charge.AmountRefundedMinor - refund.AmountMinor);
            if (charge.Status == ChargeStatus.Refunded)
            {
                charge.Status = ChargeStatus.Succeeded;
            }

            if (was == RefundStatus.Succeeded)
            {
                var posted = await db.JournalEntries.SingleAsync(e => e.IdempotencyKey == RefundPostings.SucceededKey(refund.Id), cancellationToken);
                await journal.PostAsync(RefundPostings.Failed(refund, charge.Id, fund, date, posted.Id), cancellationToken);
                RefundLog.Reversed(logger, refund.Id, fund.Code);
            }

            RefundLog.Failed(logger, refund.Id, refund.FailureReason);

            return $"refund {refund.Id} failed: {refund.FailureReason}";
        }

        refund.Status = target;
        if (target == RefundStatus.Succeeded)
        {
            refund.SucceededAt = calendar.UtcNow;
            if (charge.AmountRefundedMinor >= charge.AmountMinor && charge.Status == ChargeStatus.Succeeded)
            {
                charge.Status = ChargeStatus.Refunded;
            }

            await journal.PostAsync(RefundPostings.Succeeded(refund, charge.Id, fund, date), cancellationToken);
            RefundLog.Succeeded(logger, refund.Id, refund.AmountMinor, refund.Currency, fund.Code);
            var donor = await db.Donors.SingleAsync(d => d.Id == sponsorship.DonorId, cancellationToken);
            ReceiptMail.QueueAmended(outbox, charge, donor, refund.Id);
        }

        return $"refund {refund.Id} {was.ToString().ToLowerInvariant()} → {target.ToString().ToLowerInvariant()}";
    }
}

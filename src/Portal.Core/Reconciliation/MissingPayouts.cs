using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments;
using Portal.Core.Sponsorships;

namespace Portal.Core.Reconciliation;

/// <summary>
/// Our side of reconciliation: payments recorded as paid at a gateway that pays out, which no payout has settled in
/// the expected days. Only payments after the first imported payout count, so a new installation does not flag its
/// whole history. Each is flagged once.
/// </summary>
public sealed class MissingPayouts(
    PortalDbContext db,
    ReconciliationExceptions exceptions,
    CharityCalendar calendar,
    IOptions<ReconciliationOptions> options)
{
    public async Task<int> FlagAsync(CancellationToken cancellationToken)
    {
        var first = await db.Payouts.MinAsync(p => (DateTime?)p.GatewayCreatedAt, cancellationToken);
        if (first is null)
        {
            return 0;
        }

        var before = calendar.UtcNow.AddDays(-options.Value.PayoutExpectedWithinDays);
        var missing = await db.Charges.AsNoTracking()
            .Where(c => c.Gateway != SandboxNames.Gateway && c.Gateway != Gifts.OfflineGiftPosting.Gateway
                && c.BalanceTransactionId == null && c.SucceededAt >= first && c.SucceededAt < before
                && !db.PayoutLines.Any(l => l.ChargeId == c.Id)
                && (c.Status == ChargeStatus.Succeeded || c.Status == ChargeStatus.Refunded))
            .Select(c => new { c.Id, c.AmountMinor, c.FeeMinor, c.Currency, c.FundId })
            .ToListAsync(cancellationToken);
        var keys = missing.Select(m => ReconciliationExceptions.MissingKey(m.Id)).ToList();
        var known = new HashSet<string>();
        foreach (var chunk in keys.Chunk(500))
        {
            known.UnionWith(await db.ReconciliationExceptions.Where(e => chunk.Contains(e.Key)).Select(e => e.Key).ToListAsync(cancellationToken));
        }

        var flagged = 0;
        foreach (var charge in missing.Where(m => !known.Contains(ReconciliationExceptions.MissingKey(m.Id))))
        {
            // Clearing holds the net we booked; if it never comes, that net is what it must give up.
            exceptions.Raise(ExceptionKind.MissingFromPayouts, ReconciliationExceptions.MissingKey(charge.Id), null, null,
                $"Paid more than {options.Value.PayoutExpectedWithinDays} days ago and in no payout yet", -(charge.AmountMinor
                    - (charge.FeeMinor ?? 0)), charge.Currency, charge.Id, charge.FundId);
            flagged++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return flagged;
    }
}

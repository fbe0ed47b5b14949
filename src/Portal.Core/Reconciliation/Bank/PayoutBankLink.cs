using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Reconciliation.Bank;

/// <summary>
/// Links a bank line and a payout both ways, each only if still free: two Finance users (or a user and an import)
/// matching at once cannot link one payout to two lines. Runs inside the caller's transaction.
/// </summary>
internal static class PayoutBankLink
{
    public static async Task<bool> TryLinkAsync(PortalDbContext db, long lineId, long payoutId, CancellationToken cancellationToken)
    {
        var line = await db.BankLines.Where(l => l.Id == lineId && l.Status == BankLineStatus.Unmatched && l.PayoutId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.PayoutId, payoutId).SetProperty(l => l.Status, BankLineStatus.Matched), cancellationToken);
        if (line == 0)
        {
            return false;
        }

        var payout = await db.Payouts.Where(p => p.Id == payoutId && p.BankLineId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.BankLineId, lineId), cancellationToken);
        if (payout == 0)
        {
            await db.BankLines.Where(l => l.Id == lineId)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(l => l.PayoutId, (long?)null).SetProperty(l => l.Status, BankLineStatus.Unmatched),
                    cancellationToken);
            return false;
        }

        return true;
    }
}

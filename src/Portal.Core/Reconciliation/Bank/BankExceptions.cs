using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Reconciliation.Bank;

/// <summary>The exceptions bank matching raises and settles, by their keys, so that a run repeated raises nothing twice.</summary>
internal static class BankExceptions
{
    public static string Unmatched(long lineId) => $"bank:{lineId}:unmatched";

    public static string NotArrived(long payoutId) => $"payout:{payoutId}:not-arrived";

    /// <summary>Raises the exception, or brings an open one's summary up to date; a resolved one is left as staff left it.</summary>
    public static void Raise(PortalDbContext db, Dictionary<string, ReconciliationException> existing, ReconciliationException raised)
    {
        if (!existing.TryGetValue(raised.Key, out var found))
        {
            db.ReconciliationExceptions.Add(raised);
            existing[raised.Key] = raised;
        }
        else if (found.Status == ExceptionStatus.Open && found.Summary != raised.Summary)
        {
            found.Summary = raised.Summary;
            found.Version++;
        }
    }

    /// <summary>Settles the open exceptions under these keys, as linked or ignored, with why and by whom.</summary>
    public static async Task SettleAsync(
        PortalDbContext db,
        IReadOnlyCollection<string> keys,
        ExceptionStatus status,
        string resolution,
        string actorName,
        DateTime now,
        CancellationToken cancellationToken)
    {
        foreach (var open in await db.ReconciliationExceptions.Where(e => keys.Contains(e.Key) && e.Status == ExceptionStatus.Open)
            .ToListAsync(cancellationToken))
        {
            open.Status = status;
            open.Resolution = resolution.Length > 500 ? resolution[..500] : resolution;
            open.ResolvedBy = actorName;
            open.ResolvedAt = now;
            open.Version++;
        }
    }

    /// <summary>A payout is reconciled when its open exceptions reach zero; recounted after a save, never added to.</summary>
    public static async Task RecountAsync(PortalDbContext db, IReadOnlyCollection<long> payoutIds, CancellationToken cancellationToken)
    {
        foreach (var id in payoutIds.Distinct())
        {
            var open = await db.ReconciliationExceptions.CountAsync(e => e.PayoutId == id && e.Status == ExceptionStatus.Open, cancellationToken);
            await db.Payouts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.OpenExceptionCount, open), cancellationToken);
        }
    }

    public static async Task<Dictionary<string, ReconciliationException>> FindAsync(
        PortalDbContext db,
        IReadOnlyCollection<string> keys,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ReconciliationException>();
        foreach (var chunk in keys.Chunk(500))
        {
            foreach (var exception in await db.ReconciliationExceptions.Where(e => chunk.Contains(e.Key)).ToListAsync(cancellationToken))
            {
                found[exception.Key] = exception;
            }
        }

        return found;
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Exports.Tables;
using Portal.Core.Reconciliation;
using Portal.Core.Reconciliation.Bank;

namespace Portal.Web.Areas.Finance.Pages.Bank;

/// <summary>What the bank page shows: the lines with their payouts, the payouts a line could be, and what is flagged.</summary>
public sealed record BankPageData(
    IReadOnlyList<BankLine> Lines,
    int Total,
    IReadOnlyDictionary<long, Payout> Payouts,
    IReadOnlyList<Payout> OpenPayouts,
    IReadOnlyList<ReconciliationException> UnmatchedLines,
    IReadOnlyList<(ReconciliationException Flag, Payout Payout)> NotArrived,
    IReadOnlyList<BankStatement> Statements)
{
    public static BankPageData Empty { get; } = new([], 0, new Dictionary<long, Payout>(), [], [], [], []);

    public static IQueryable<BankLine> Query(PortalDbContext db, BankLineStatus? status) => BankLinesExport.Query(db, status);

    public static async Task<BankPageData> LoadAsync(PortalDbContext db, BankLineStatus? status, int listSize, CancellationToken cancellationToken)
    {
        var lines = await Query(db, status).Take(listSize).ToListAsync(cancellationToken);
        var linked = lines.Where(l => l.PayoutId != null).Select(l => l.PayoutId!.Value).ToList();
        var payouts = await db.Payouts.AsNoTracking().Where(p => linked.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        // Payouts still without a bank line are few: each is matched or flagged within days of its arrival.
        var open = await db.Payouts.AsNoTracking().Where(p => p.BankLineId == null && p.Status != PayoutStatus.Failed)
            .OrderBy(p => p.ArrivalDate).ToListAsync(cancellationToken);
        var flags = await db.ReconciliationExceptions.AsNoTracking()
            .Where(e => e.Status == ExceptionStatus.Open && (e.Kind == ExceptionKind.UnmatchedBankLine || e.Kind == ExceptionKind.PayoutNotArrived))
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var flaggedPayouts = flags.Where(f => f.PayoutId != null).Select(f => f.PayoutId!.Value).ToList();
        var late = await db.Payouts.AsNoTracking().Where(p => flaggedPayouts.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var statements = await db.BankStatements.AsNoTracking().OrderByDescending(s => s.Id).Take(10).ToListAsync(cancellationToken);
        return new BankPageData(
            lines,
            await Query(db, status).CountAsync(cancellationToken),
            payouts,
            open,
            [.. flags.Where(f => f.Kind == ExceptionKind.UnmatchedBankLine)],
            [.. flags.Where(f => f.Kind == ExceptionKind.PayoutNotArrived && f.PayoutId is { } id && late.ContainsKey(id))
                .Select(f => (f, late[f.PayoutId!.Value]))],
            statements);
    }

    /// <summary>The open payouts a credit could be: same currency and amount, nearest arrival first.</summary>
    public IEnumerable<Payout> CandidatesFor(BankLine line) =>
        OpenPayouts.Where(p => p.Currency == line.Currency && p.AmountMinor == line.AmountMinor)
            .OrderBy(p => Math.Abs(p.ArrivalDate.DayNumber - line.BookedOn.DayNumber));
}

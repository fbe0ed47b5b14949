using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Shared;

namespace Portal.Core.Reconciliation.Bank;

/// <summary>What one matching run did.</summary>
public sealed record BankMatchReport(int Matched, int UnmatchedFlagged, int NotArrivedFlagged);

/// <summary>
/// Finds each paid payout's bank line (<see cref="BankMatchCandidates"/> has the rules), links the pairs with an audit
/// record each, and flags what is left: a gateway credit that matches no payout, a credit that matches several, and a
/// payout the bank has not shown more than the window after its arrival date. Safe to run again: the exceptions have
/// fixed keys, and open ones of a pair just matched are settled as linked.
/// </summary>
public sealed class MatchPayoutsToBank(PortalDbContext db, AuditLog audit, CharityCalendar calendar, IOptions<BankMatchingOptions> options)
{
    public async Task<BankMatchReport> RunAsync(string actorId, string actorName, CancellationToken cancellationToken)
    {
        var window = options.Value.ArrivalWindowDays;
        var payouts = await db.Payouts.AsNoTracking().Where(p => p.Status == PayoutStatus.Paid && p.BankLineId == null)
            .Select(p => new PayoutToMatch(p.Id, p.GatewayPayoutId, p.AmountMinor, p.Currency, p.ArrivalDate)).ToListAsync(cancellationToken);
        var lines = await OpenCreditsAsync(payouts.Select(p => p.AmountMinor).Distinct().ToList(), cancellationToken);
        var (matches, ambiguous) = BankMatchCandidates.Pair(lines, payouts, window);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var linked = new List<BankMatch>();
        foreach (var match in matches)
        {
            if (await PayoutBankLink.TryLinkAsync(db, match.LineId, match.PayoutId, cancellationToken))
            {
                linked.Add(match);
                var payout = payouts.Single(p => p.Id == match.PayoutId);
                var line = lines.Single(l => l.Id == match.LineId);
                audit.Record(actorId, actorName, "bank.payout-matched", $"payout:{payout.GatewayPayoutId}",
                    $"Bank line {line.Id} of {line.BookedOn:yyyy-MM-dd}, {new Money(line.AmountMinor, Currency.Of(line.Currency))}, "
                        + $"matched automatically: {match.Reason}.");
                await BankExceptions.SettleAsync(
                    db,
                    [BankExceptions.Unmatched(line.Id), BankExceptions.NotArrived(payout.Id)],
                    ExceptionStatus.Linked,
                    $"Matched automatically: bank line {line.Id} of {line.BookedOn:yyyy-MM-dd} is payout {payout.GatewayPayoutId}.",
                    actorName,
                    calendar.UtcNow,
                    cancellationToken);
            }
        }

        var matchedLines = linked.Select(m => m.LineId).ToHashSet();
        var matchedPayouts = linked.Select(m => m.PayoutId).ToHashSet();
        var flagLines = lines.Where(l => !matchedLines.Contains(l.Id) && (l.FromGateway || ambiguous.ContainsKey(l.Id))).ToList();
        var late = payouts.Where(p => !matchedPayouts.Contains(p.Id) && p.ArrivalDate.AddDays(window) < calendar.Today).ToList();
        var existing = await BankExceptions.FindAsync(
            db,
            [.. flagLines.Select(l => BankExceptions.Unmatched(l.Id)), .. late.Select(p => BankExceptions.NotArrived(p.Id))],
            cancellationToken);
        var before = existing.Count;
        foreach (var line in flagLines)
        {
            BankExceptions.Raise(db, existing, UnmatchedLine(line, ambiguous.GetValueOrDefault(line.Id), window));
        }

        var unmatchedFlagged = existing.Count - before;
        foreach (var payout in late)
        {
            BankExceptions.Raise(db, existing, NotArrived(payout, window));
        }

        await db.SaveChangesAsync(cancellationToken);
        await BankExceptions.RecountAsync(db, [.. matchedPayouts, .. late.Select(p => p.Id)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new BankMatchReport(linked.Count, unmatchedFlagged, existing.Count - before - unmatchedFlagged);
    }

    /// <summary>
    /// The unmatched credits worth a look: those of a payout's amount (candidates), and those that look like the
    /// gateway's (flagged when they match nothing). Other credits, such as donors' own transfers, are left alone.
    /// </summary>
    private async Task<List<CreditToMatch>> OpenCreditsAsync(IReadOnlyList<long> amounts, CancellationToken cancellationToken)
    {
        var descriptors = options.Value.Descriptors();
        var open = db.BankLines.AsNoTracking().Where(l => l.Status == BankLineStatus.Unmatched && l.AmountMinor > 0);
        var found = new List<BankLine>();
        foreach (var chunk in amounts.Chunk(500))
        {
            found.AddRange(await open.Where(l => chunk.Contains(l.AmountMinor)).ToListAsync(cancellationToken));
        }

        // Upper-cased on both sides, since only SQLite and SQL Server compare without case. These calls become SQL
        // UPPER and never run in .NET, so the culture rules for .NET string calls do not apply.
#pragma warning disable CA1304, CA1311, CA1862
        foreach (var word in descriptors.Select(d => d.ToUpperInvariant()).Append("PO_"))
        {
            found.AddRange(await open.Where(l => (l.Counterparty ?? "").ToUpper().Contains(word) || (l.Reference ?? "").ToUpper().Contains(word)
                || (l.Description ?? "").ToUpper().Contains(word)).ToListAsync(cancellationToken));
        }
#pragma warning restore CA1304, CA1311, CA1862

        return [.. found.DistinctBy(l => l.Id).Select(l =>
        {
            var text = BankTexts.Of(l.Counterparty, l.Reference, l.Description);
            return new CreditToMatch(l.Id, l.BookedOn, l.AmountMinor, l.Currency, text, BankTexts.FromGateway(text, descriptors));
        })];
    }

    private ReconciliationException UnmatchedLine(CreditToMatch line, IReadOnlyList<PayoutToMatch>? candidates, int window) => new()
    {
        Key = BankExceptions.Unmatched(line.Id),
        Kind = ExceptionKind.UnmatchedBankLine,
        Summary = Limit(candidates is { Count: > 0 }
            ? $"Bank credit of {line.BookedOn:yyyy-MM-dd} for {Amount(line.AmountMinor, line.Currency)} could be any of {candidates.Count} payouts "
                + $"({string.Join(", ", candidates.Select(c => c.GatewayPayoutId))}); match it by hand."
            : $"Bank credit of {line.BookedOn:yyyy-MM-dd} for {Amount(line.AmountMinor, line.Currency)} looks like the gateway's "
                + $"but matches no paid payout of that amount within {window} days."),
        AmountMinor = line.AmountMinor,
        Currency = line.Currency,
        BankLineId = line.Id,
        CreatedAt = calendar.UtcNow,
    };

    private ReconciliationException NotArrived(PayoutToMatch payout, int window) => new()
    {
        Key = BankExceptions.NotArrived(payout.Id),
        Kind = ExceptionKind.PayoutNotArrived,
        Summary = Limit(
            $"Payout {payout.GatewayPayoutId} of {Amount(payout.AmountMinor, payout.Currency)}, due at the bank on {payout.ArrivalDate:yyyy-MM-dd}, "
            + $"is on no imported bank statement {window} days later."),
        AmountMinor = payout.AmountMinor,
        Currency = payout.Currency,
        PayoutId = payout.Id,
        CreatedAt = calendar.UtcNow,
    };

    private static string Amount(long minor, string currency) => new Money(minor, Currency.Of(currency)).ToString();

    private static string Limit(string text) => text.Length > 500 ? text[..500] : text;
}

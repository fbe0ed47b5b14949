namespace Portal.Core.Reconciliation.Bank;

/// <summary>An unmatched credit as the matcher sees it.</summary>
public sealed record CreditToMatch(long Id, DateOnly BookedOn, long AmountMinor, string Currency, string Text, bool FromGateway);

/// <summary>A paid payout not yet found at the bank.</summary>
public sealed record PayoutToMatch(long Id, string GatewayPayoutId, long AmountMinor, string Currency, DateOnly ArrivalDate);

public sealed record BankMatch(long LineId, long PayoutId, string Reason);

/// <summary>
/// Pairs credits with payouts. A pair needs the same currency and the exact amount, and either the payout's id in the
/// line's texts or an arrival date within the window. Of a line's candidates, and of a payout's, the best is the one
/// naming the payout, then one from the gateway (its descriptor), then the nearest date. A pair is made only when each
/// is the other's one best; a tie is never guessed: the line is reported with the payouts it could be.
/// </summary>
public static class BankMatchCandidates
{
    public static (IReadOnlyList<BankMatch> Matches, IReadOnlyDictionary<long, IReadOnlyList<PayoutToMatch>> Ambiguous) Pair(
        IReadOnlyList<CreditToMatch> lines, IReadOnlyList<PayoutToMatch> payouts, int windowDays)
    {
        var candidates = (
            from line in lines
            from payout in payouts
            where payout.Currency == line.Currency && payout.AmountMinor == line.AmountMinor
            let named = BankTexts.Names(line.Text, payout.GatewayPayoutId)
            let days = Math.Abs(payout.ArrivalDate.DayNumber - line.BookedOn.DayNumber)
            where named || days <= windowDays
            select (Line: line, Payout: payout, Score: (named ? 2 : line.FromGateway ? 1 : 0, -days))).ToList();

        var matches = new List<BankMatch>();
        bool progress;
        do
        {
            progress = false;
            var lineBest = Best(candidates, c => c.Line.Id);
            var payoutBest = Best(candidates, c => c.Payout.Id);
            foreach (var pair in lineBest.Values.OfType<(CreditToMatch Line, PayoutToMatch Payout, (int, int) Score)>()
                .Where(p => payoutBest.GetValueOrDefault(p.Payout.Id) is { } back && back.Line.Id == p.Line.Id))
            {
                matches.Add(new BankMatch(pair.Line.Id, pair.Payout.Id, Reason(pair.Score)));
                candidates.RemoveAll(c => c.Line.Id == pair.Line.Id || c.Payout.Id == pair.Payout.Id);
                progress = true;
            }
        }
        while (progress);

        var ambiguous = candidates.GroupBy(c => c.Line.Id)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PayoutToMatch>)[.. g.OrderByDescending(c => c.Score).Select(c => c.Payout)]);
        return (matches, ambiguous);
    }

    /// <summary>Each key's one best candidate, or null when two share the best score.</summary>
    private static Dictionary<long, (CreditToMatch Line, PayoutToMatch Payout, (int, int) Score)?> Best(
        List<(CreditToMatch Line, PayoutToMatch Payout, (int, int) Score)> candidates,
        Func<(CreditToMatch Line, PayoutToMatch Payout, (int, int) Score), long> key) =>
        candidates.GroupBy(key).ToDictionary(g => g.Key, g =>
        {
            var top = g.Max(c => c.Score);
            var best = g.Where(c => c.Score == top).ToList();
            return best.Count == 1 ? best[0] : ((CreditToMatch, PayoutToMatch, (int, int))?)null;
        });

    private static string Reason((int Evidence, int NegativeDays) score) => score.Evidence switch
    {
        2 => "the payout's id is in the bank line's reference",
        _ => $"same amount, {-score.NegativeDays} day(s) from the arrival date{(score.Evidence == 1 ? ", from the gateway" : "")}",
    };
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Sponsorships;

namespace Portal.Core.Ledger.Totals;

/// <summary>
/// Every total at one moment: either as stored, or as the ledger and the records say they should be (summed from
/// every journal line, gift and sponsorship: the slow way, for the nightly check and a rebuild). Zero rows are left out.
/// </summary>
internal sealed class TotalsSnapshot(PendingTotals totals, Dictionary<ChainPair, long> chains, Dictionary<Guid, long> sponsors)
{
    private TotalsSnapshot()
        : this(new PendingTotals(), [], [])
    {
    }

    public PendingTotals Totals { get; } = totals;

    /// <summary>Rows of <see cref="GiftDonorDay"/>.</summary>
    public Dictionary<ChainPair, long> Chains { get; } = chains;

    /// <summary>Rows of <see cref="FundSponsorCount"/>.</summary>
    public Dictionary<Guid, long> Sponsors { get; } = sponsors;

    /// <summary>Rows of <see cref="SponsorshipMonthTotal"/>.</summary>
    public Dictionary<SponsorshipMonthKey, (long Events, long Running, long Monthly)> SponsorshipMonths { get; } = Months(totals.Events);

    /// <summary>Rows of <see cref="GiftMonthTotal"/>.</summary>
    public Dictionary<GiftMonthKey, GiftMonthSums> GiftMonths { get; private set; } = FundraisingRows.GiftMonths(totals.GiftDays, chains);

    /// <summary>
    /// Only for the check: per fund and currency, the running sponsorships and what the active ones promise per month,
    /// as the months add up (stored) or as the sponsorships are now (records).
    /// </summary>
    public Dictionary<(Guid FundId, string Currency), (long Running, long Monthly)> FundRunning { get; } = [];

    public static async Task<TotalsSnapshot> StoredAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var snapshot = new TotalsSnapshot();
        var totals = snapshot.Totals;
        await foreach (var a in db.AccountTotals.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            totals.Accounts[a.AccountId] = (a.AmountMinor, a.ReversedMinor, a.LineCount);
        }

        await foreach (var d in db.AccountDayTotals.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            totals.Days[(d.AccountId, d.Date)] = (d.PostedMinor, d.ReversedMinor, d.LineCount);
        }

        await foreach (var g in db.GiftDayTotals.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            totals.GiftDays[new GiftBucket(g.FundId, g.Currency, g.Date, g.SettledCurrency)] = (g.Gifts, g.GrossMinor, g.SettledMinor);
        }

        await foreach (var c in db.GiftDonorDays.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            snapshot.Chains[new ChainPair(c.FundId, c.Currency, c.Date, c.PreviousDate)] = c.Gifts;
        }

        await foreach (var s in db.FundSponsorCounts.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            snapshot.Sponsors[s.FundId] = s.Sponsors;
        }

        await foreach (var m in db.SponsorshipMonthTotals.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var key = new SponsorshipMonthKey(m.FundId, m.Currency, m.Month, m.Kind, m.Reason);
            snapshot.SponsorshipMonths[key] = (m.Events, m.Running, m.MonthlyMinor);
            var (running, monthly) = snapshot.FundRunning.GetValueOrDefault((m.FundId, m.Currency));
            snapshot.FundRunning[(m.FundId, m.Currency)] = (running + m.Running, monthly + m.MonthlyMinor);
        }

        await foreach (var g in db.GiftMonthTotals.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            snapshot.GiftMonths[new GiftMonthKey(g.FundId, g.Currency, g.Month)] =
                new GiftMonthSums(g.Gifts, g.GrossMinor, g.Donors, g.FirstTime, g.YearDonors, g.Retained);
        }

        return snapshot.WithoutZeros();
    }

    public static async Task<TotalsSnapshot> FromRecordsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var snapshot = new TotalsSnapshot();
        var totals = snapshot.Totals;
        var days = from line in db.JournalLines
                   join entry in db.JournalEntries on line.JournalEntryId equals entry.Id
                   group line.AmountMinor by new { line.AccountId, entry.Date, Reversal = entry.ReversesEntryId != null } into g
                   select new { g.Key.AccountId, g.Key.Date, g.Key.Reversal, Sum = g.Sum(), Lines = g.LongCount() };
        await foreach (var d in days.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var (total, reversedTotal, lines) = totals.Accounts.GetValueOrDefault(d.AccountId);
            totals.Accounts[d.AccountId] = (checked(total + d.Sum), d.Reversal ? checked(reversedTotal + d.Sum) : reversedTotal, lines + d.Lines);
            var (posted, reversed, dayLines) = totals.Days.GetValueOrDefault((d.AccountId, d.Date));
            totals.Days[(d.AccountId, d.Date)] = d.Reversal
                ? (posted, reversed + d.Sum, dayLines + d.Lines)
                : (posted + d.Sum, reversed, dayLines + d.Lines);
        }

        var gifts = from charge in db.Charges
                    where charge.GiftDate != null && charge.FundId != null
                    group charge by new
                    {
                        FundId = charge.FundId!.Value,
                        charge.Currency,
                        Date = charge.GiftDate!.Value,
                        Settled = charge.SettledAmountMinor == null ? "" : charge.SettledCurrency ?? "",
                    } into g
                    select new
                    {
                        g.Key.FundId,
                        g.Key.Currency,
                        g.Key.Date,
                        g.Key.Settled,
                        Gifts = g.LongCount(),
                        Gross = g.Sum(c => c.AmountMinor),
                        SettledSum = g.Sum(c => c.SettledAmountMinor ?? 0),
                    };
        await foreach (var g in gifts.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            totals.GiftDays[new GiftBucket(g.FundId, g.Currency, g.Date, g.Settled)] = (g.Gifts, g.Gross, g.SettledSum);
        }

        await snapshot.ChainsAsync(db, cancellationToken);
        var sponsors = db.Sponsorships.Where(s => SponsorshipStatuses.Running.Contains(s.Status))
            .GroupBy(s => s.FundId).Select(g => new { FundId = g.Key, Donors = g.Select(s => s.DonorId).Distinct().LongCount() });
        await foreach (var s in sponsors.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            snapshot.Sponsors[s.FundId] = s.Donors;
        }

        snapshot.GiftMonths = FundraisingRows.GiftMonths(totals.GiftDays, snapshot.Chains);
        await foreach (var e in db.SponsorshipEvents.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            FundraisingRows.AddEvent(snapshot.SponsorshipMonths, e);
        }

        await snapshot.RunningAsync(db, cancellationToken);
        return snapshot.WithoutZeros();
    }

    /// <summary>What differs between two snapshots, a line per total, at most <paramref name="limit"/> lines.</summary>
    public IReadOnlyList<string> Differences(TotalsSnapshot other, int limit)
    {
        var found = new List<string>();
        Compare(found, "account", Totals.Accounts, other.Totals.Accounts);
        Compare(found, "account day", Totals.Days, other.Totals.Days);
        Compare(found, "gift day", Totals.GiftDays, other.Totals.GiftDays);
        Compare(found, "donor chain", Chains, other.Chains);
        Compare(found, "fund sponsors", Sponsors, other.Sponsors);
        Compare(found, "sponsorship month", SponsorshipMonths, other.SponsorshipMonths);
        Compare(found, "gift month", GiftMonths, other.GiftMonths);
        Compare(found, "running sponsorships", FundRunning, other.FundRunning);
        return found.Take(limit).ToList();
    }

    // Each donor's gifts in date order, streamed: the pairs of consecutive gift dates, as the commit keeps them.
    private async Task ChainsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var ordered = from charge in db.Charges
                      join sponsorship in db.Sponsorships on charge.SponsorshipId equals sponsorship.Id
                      where charge.GiftDate != null && charge.FundId != null
                      orderby charge.FundId, charge.Currency, sponsorship.DonorId, charge.GiftDate
                      select new { FundId = charge.FundId!.Value, charge.Currency, sponsorship.DonorId, Date = charge.GiftDate!.Value };
        (Guid FundId, string Currency, Guid DonorId)? current = null;
        var previous = DateOnly.MinValue;
        await foreach (var gift in ordered.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (current != (gift.FundId, gift.Currency, gift.DonorId))
            {
                (current, previous) = ((gift.FundId, gift.Currency, gift.DonorId), DateOnly.MinValue);
            }

            var pair = new ChainPair(gift.FundId, gift.Currency, gift.Date, previous);
            Chains[pair] = Chains.GetValueOrDefault(pair) + 1;
            previous = gift.Date;
        }
    }

    private static Dictionary<SponsorshipMonthKey, (long Events, long Running, long Monthly)> Months(List<SponsorshipEvent> events)
    {
        var months = new Dictionary<SponsorshipMonthKey, (long Events, long Running, long Monthly)>();
        foreach (var e in events)
        {
            FundraisingRows.AddEvent(months, e);
        }

        return months;
    }

    // The sponsorships as they are now, by the events' one definition (SponsorshipEvents.State): grouped by amount, as
    // a quarter's or year's monthly equivalent is rounded per sponsorship.
    private async Task RunningAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var running = db.Sponsorships.Where(s => s.Interval != SponsorshipInterval.Once && SponsorshipStatuses.Running.Contains(s.Status))
            .GroupBy(s => new { s.FundId, s.Currency, s.Status, s.Interval, s.AmountMinor })
            .Select(g => new { g.Key.FundId, g.Key.Currency, g.Key.Status, g.Key.Interval, g.Key.AmountMinor, Count = g.LongCount() });
        await foreach (var g in running.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var state = SponsorshipEvents.State.Of(g.FundId, g.Currency, g.Status, g.AmountMinor, g.Interval);
            var (count, monthly) = FundRunning.GetValueOrDefault((g.FundId, g.Currency));
            FundRunning[(g.FundId, g.Currency)] = (count + state.Running * g.Count, checked(monthly + state.MonthlyMinor * g.Count));
        }
    }

    private TotalsSnapshot WithoutZeros()
    {
        Drop(Totals.Accounts, v => v == default);
        Drop(Totals.Days, v => v == default);
        Drop(Totals.GiftDays, v => v == default);
        Drop(Chains, v => v == 0);
        Drop(Sponsors, v => v == 0);
        Drop(SponsorshipMonths, v => v == default);
        Drop(GiftMonths, v => v == default);
        Drop(FundRunning, v => v == default);
        return this;
    }

    private static void Drop<TKey, TValue>(Dictionary<TKey, TValue> rows, Func<TValue, bool> zero)
        where TKey : notnull
    {
        foreach (var key in rows.Where(r => zero(r.Value)).Select(r => r.Key).ToList())
        {
            rows.Remove(key);
        }
    }

    private static void Compare<TKey, TValue>(List<string> found, string what, Dictionary<TKey, TValue> mine, Dictionary<TKey, TValue> theirs)
        where TKey : notnull
    {
        foreach (var key in mine.Keys.Union(theirs.Keys))
        {
            var (a, b) = (mine.GetValueOrDefault(key), theirs.GetValueOrDefault(key));
            if (!EqualityComparer<TValue>.Default.Equals(a, b))
            {
                found.Add($"{what} {key}: stored {a}, from the records {b}");
            }
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Ledger.Totals;
using Portal.Core.Shared;

namespace Portal.Core.Fundraising;

/// <summary>
/// The board's figures per month, fund and currency, read from the monthly totals the ledger's commit keeps
/// (<see cref="SponsorshipMonthTotal"/>, <see cref="GiftMonthTotal"/>): a few rows per fund and month, whatever the
/// number of donors or ledger lines. The one definition every page, chart and export of them uses.
/// </summary>
public sealed class FundraisingFigures(PortalDbContext db)
{
    /// <summary>
    /// The months of <paramref name="year"/> (up to <paramref name="today"/>'s month in the current year), per currency;
    /// one fund's, or every fund's when <paramref name="fundId"/> is null.
    /// </summary>
    public async Task<FundraisingYear> YearAsync(int year, Guid? fundId, DateOnly today, CancellationToken cancellationToken)
    {
        var (start, end) = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
        var lastMonth = year == today.Year ? today.Month : year < today.Year ? 12 : 0;
        var months = db.SponsorshipMonthTotals.AsNoTracking().Where(m => fundId == null || m.FundId == fundId);
        var before = await months.Where(m => m.Month < start).GroupBy(m => m.Currency)
            .Select(g => new { Currency = g.Key, Running = g.Sum(m => m.Running), Monthly = g.Sum(m => m.MonthlyMinor) })
            .ToListAsync(cancellationToken);
        var events = await months.Where(m => m.Month >= start && m.Month < end)
            .GroupBy(m => new { m.Currency, m.Month, m.Kind, m.Reason })
            .Select(g => new
            {
                g.Key.Currency,
                g.Key.Month,
                g.Key.Kind,
                g.Key.Reason,
                Events = g.Sum(m => m.Events),
                Running = g.Sum(m => m.Running),
                Monthly = g.Sum(m => m.MonthlyMinor),
            })
            .ToListAsync(cancellationToken);
        var gifts = await db.GiftMonthTotals.AsNoTracking()
            .Where(m => (fundId == null || m.FundId == fundId) && m.Month >= start.AddYears(-1) && m.Month < end)
            .GroupBy(m => new { m.Currency, m.Month })
            .Select(g => new
            {
                g.Key.Currency,
                g.Key.Month,
                Gifts = g.Sum(m => m.Gifts),
                Gross = g.Sum(m => m.GrossMinor),
                Donors = g.Sum(m => m.Donors),
                FirstTime = g.Sum(m => m.FirstTime),
                YearDonors = g.Sum(m => m.YearDonors),
                Retained = g.Sum(m => m.Retained),
            })
            .ToListAsync(cancellationToken);

        var currencies = before.Select(b => b.Currency).Concat(events.Select(e => e.Currency)).Concat(gifts.Select(g => g.Currency))
            .Distinct().Order(StringComparer.Ordinal);
        var result = new List<FundraisingCurrency>();
        foreach (var code in currencies)
        {
            var currency = Currency.Of(code);
            var opening = before.FirstOrDefault(b => b.Currency == code);
            var (running, monthly) = (opening?.Running ?? 0, opening?.Monthly ?? 0);
            var lastYear = gifts.Where(g => g.Currency == code && g.Month < start).Sum(g => g.YearDonors);
            var rows = new List<FundraisingMonth>();
            long retained = 0;
            for (var m = 1; m <= lastMonth; m++)
            {
                var month = new DateOnly(year, m, 1);
                var those = events.Where(e => e.Currency == code && e.Month == month).ToList();
                long Count(SponsorshipEventKind kind) => those.Where(e => e.Kind == kind).Sum(e => e.Events);
                var atStart = running;
                running += those.Sum(e => e.Running);
                monthly += those.Sum(e => e.Monthly);
                var given = gifts.FirstOrDefault(g => g.Currency == code && g.Month == month);
                retained += given?.Retained ?? 0;
                var stopped = Count(SponsorshipEventKind.Cancelled) + Count(SponsorshipEventKind.Ended);
                rows.Add(new FundraisingMonth(
                    month,
                    running,
                    new Money(monthly, currency),
                    Count(SponsorshipEventKind.Started),
                    Count(SponsorshipEventKind.Paused),
                    Count(SponsorshipEventKind.Resumed),
                    Count(SponsorshipEventKind.Cancelled),
                    Count(SponsorshipEventKind.Ended),
                    Count(SponsorshipEventKind.MovedIn) - Count(SponsorshipEventKind.MovedOut),
                    Percent(stopped, atStart),
                    given?.Gifts ?? 0,
                    new Money(given?.Gross ?? 0, currency),
                    given is { Gifts: > 0 } ? new Money(Rounded(given.Gross, given.Gifts), currency) : null,
                    given?.Donors ?? 0,
                    given?.FirstTime ?? 0,
                    retained));
            }

            var reasons = events.Where(e => e.Currency == code && e.Kind == SponsorshipEventKind.Cancelled && e.Month.Month <= lastMonth)
                .GroupBy(e => e.Reason).Select(g => new CancelReasonCount(g.Key, g.Sum(e => e.Events)))
                .OrderByDescending(r => r.Cancelled).ThenBy(r => r.Reason, StringComparer.Ordinal).ToList();
            result.Add(new FundraisingCurrency(currency, rows, reasons, lastYear, retained, Percent(retained, lastYear)));
        }

        return new FundraisingYear(year, fundId, result);
    }

    /// <summary>A share in percent with one decimal, half away from zero; null when there is nothing to divide by.</summary>
    public static decimal? Percent(long part, long whole) =>
        whole <= 0 ? null : Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);

    private static long Rounded(long sum, long count) => (long)Math.Round((decimal)sum / count, MidpointRounding.AwayFromZero);
}

public sealed record FundraisingYear(int Year, Guid? FundId, IReadOnlyList<FundraisingCurrency> Currencies);

/// <param name="DonorsLastYear">Donors who gave (to the fund, or to each fund counted once per fund) the year before.</param>
/// <param name="Retained">Of those, the ones who gave again this year so far.</param>
/// <param name="RetentionPercent">Retained ÷ donors of last year.</param>
public sealed record FundraisingCurrency(
    Currency Currency,
    IReadOnlyList<FundraisingMonth> Months,
    IReadOnlyList<CancelReasonCount> CancelReasons,
    long DonorsLastYear,
    long Retained,
    decimal? RetentionPercent)
{
    /// <summary>Gave last year and not yet this year.</summary>
    public long Lapsed => DonorsLastYear - Retained;
}

/// <summary>One month's figures.</summary>
/// <param name="Running">Running sponsorships at the month's end (active, paused or past due).</param>
/// <param name="Monthly">What the active ones promise per month at the month's end (<see cref="MonthlyEquivalent"/>).</param>
/// <param name="Moved">Sponsorships moved in from other funds less those moved out.</param>
/// <param name="ChurnPercent">Cancelled and ended in the month ÷ running at its start.</param>
/// <param name="AverageGift">Gifts' gross ÷ their number, rounded to the minor unit; null without gifts.</param>
/// <param name="Donors">Donors who gave in the month, each once.</param>
/// <param name="FirstTime">Donors whose first gift to the fund fell in the month.</param>
/// <param name="RetainedSoFar">Donors of last year who have given this year, up to this month.</param>
public sealed record FundraisingMonth(
    DateOnly Month,
    long Running,
    Money Monthly,
    long Started,
    long Paused,
    long Resumed,
    long Cancelled,
    long Ended,
    long Moved,
    decimal? ChurnPercent,
    long Gifts,
    Money Gross,
    Money? AverageGift,
    long Donors,
    long FirstTime,
    long RetainedSoFar);

public sealed record CancelReasonCount(string Reason, long Cancelled);

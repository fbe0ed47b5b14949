using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Sponsorships;

namespace Portal.Core.Fundraising;

/// <summary>The fundraising figures and lists as tables for CSV and XLSX: the same rows the page shows.</summary>
public static class FundraisingExports
{
    public static ExportTable Figures(FundraisingYear year, string? fundCode) => new(
        $"fundraising-{year.Year}{(fundCode is null ? "" : "-" + fundCode)}",
        [
            "Currency", "Month", "Running sponsorships", "Recurring income per month", "New", "Paused", "Resumed", "Cancelled", "Ended",
            "Moved in less out", "Churn %", "Gifts", "Gifts gross", "Average gift", "Donors", "First-time donors", "Retained so far",
        ],
        FigureRows(year));

    public static ExportTable List(PortalDbContext db, FundraisingList list, DateOnly today, Guid? fundId, string? fundCode)
    {
        var name = $"{list switch
        {
            FundraisingList.Lapsed => "lapsed-donors",
            FundraisingList.ExpiringCards => "expiring-cards",
            _ => "past-due",
        }}-{today:yyyy-MM-dd}{(fundCode is null ? "" : "-" + fundCode)}";
        return list == FundraisingList.Lapsed
            ? new(name, ["Donor", "Name", "E-mail", "Language", "Country", "Last gift"], LapsedRows(db, today, fundId))
            : new(
                name,
                ["Donor", "Name", "E-mail", "Language", "Fund", "Amount", "Interval", "Card expires", "Past due since"],
                SponsorshipRows(db, list == FundraisingList.ExpiringCards ? FundraisingLists.ExpiringCards(db, today, fundId) : FundraisingLists
                    .PastDue(db, fundId)));
    }

    private static async IAsyncEnumerable<Cell[]> FigureRows(FundraisingYear year)
    {
        foreach (var currency in year.Currencies)
        {
            foreach (var m in currency.Months)
            {
                yield return
                [
                    Cell.Of(currency.Currency.Code), Cell.Of(m.Month), Cell.Of(m.Running), Cell.Of(m.Monthly), Cell.Of(m.Started), Cell.Of(m.Paused),
                    Cell.Of(m.Resumed), Cell.Of(m.Cancelled), Cell.Of(m.Ended), Cell.Of(m.Moved), Cell.OfRate(m.ChurnPercent), Cell.Of(m.Gifts),
                    Cell.Of(m.Gross), Cell.Of(m.AverageGift), Cell.Of(m.Donors), Cell.Of(m.FirstTime), Cell.Of(m.RetainedSoFar),
                ];
            }
        }

        await Task.CompletedTask;
    }

    private static async IAsyncEnumerable<Cell[]> LapsedRows(
        PortalDbContext db, DateOnly today, Guid? fundId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = FundraisingLists.Lapsed(db, today, fundId).AsNoTracking().OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.Name, d.Email, d.Language, d.CountryCode, d.LastGiftOn });
        await foreach (var d in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return
            [
                Cell.Of(d.Id.ToString()), Cell.Of(d.Name), Cell.Of(d.Email), Cell.Of(d.Language), Cell.Of(d.CountryCode), Cell.Of(d.LastGiftOn),
            ];
        }
    }

    private static async IAsyncEnumerable<Cell[]> SponsorshipRows(
        PortalDbContext db, IQueryable<Sponsorship> sponsorships, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = from s in sponsorships.AsNoTracking()
                   join d in db.Donors on s.DonorId equals d.Id
                   join f in db.Funds on s.FundId equals f.Id
                   orderby s.Id
                   select new { d.Id, d.Name, d.Email, d.Language, f.Code, s.AmountMinor, s.Currency, s.Interval, s.CardExpiresOn, s.PastDueSince };
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return
            [
                Cell.Of(r.Id.ToString()), Cell.Of(r.Name), Cell.Of(r.Email), Cell.Of(r.Language), Cell.Of(r.Code),
                Cell.Of(new Shared.Money(r.AmountMinor, Shared.Currency.Of(r.Currency))), Cell.Of(r.Interval.ToString()), Cell.Of(r.CardExpiresOn),
                Cell.Of(r.PastDueSince),
            ];
        }
    }
}

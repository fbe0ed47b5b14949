using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Shared;

namespace Portal.Core.Exports;

/// <summary>Charges created in the period (the charity's calendar), with what the gateway settled and what was refunded.</summary>
public sealed class ChargesExport(PortalDbContext db, IOptions<PortalOptions> options)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "charge_id", "sponsorship_id", "donor_id", "fund_code", "period_start", "status", "amount", "currency", "fee", "fee_is_estimate",
        "settled_amount", "settled_fee", "settled_currency", "exchange_rate", "refunded", "receipt_number", "created_at", "succeeded_at",
        "failed_at", "reversed_at",
    ];

    public ExportTable Table(ExportFilter filter) => new($"charges{filter.FileSuffix()}", Columns, RowsAsync(filter));

    private async IAsyncEnumerable<Cell[]> RowsAsync(ExportFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var funds = await db.Funds.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Code, cancellationToken);
        var zone = options.Value.FindTimeZone();
        var charges = from charge in db.Charges.AsNoTracking()
                      join sponsorship in db.Sponsorships on charge.SponsorshipId equals sponsorship.Id
                      select new { Charge = charge, sponsorship.DonorId, FundId = charge.FundId ?? sponsorship.FundId };
        if (filter.FundId is { } fundId)
        {
            charges = charges.Where(c => c.FundId == fundId);
        }

        if (filter.From is { } from)
        {
            var start = StartUtc(from, zone);
            charges = charges.Where(c => c.Charge.CreatedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = StartUtc(to.AddDays(1), zone);
            charges = charges.Where(c => c.Charge.CreatedAt < end);
        }

        var row = new Cell[Columns.Count];
        await foreach (var item in charges.OrderBy(c => c.Charge.CreatedAt).ThenBy(c => c.Charge.Id).AsAsyncEnumerable()
            .WithCancellation(cancellationToken))
        {
            var c = item.Charge;
            var currency = Currency.Of(c.Currency);
            Currency? settled = c.SettledCurrency is null ? null : Currency.Of(c.SettledCurrency);
            row[0] = Cell.Of(c.Id.ToString());
            row[1] = Cell.Of(c.SponsorshipId.ToString());
            row[2] = Cell.Of(item.DonorId.ToString());
            row[3] = Cell.Of(funds.GetValueOrDefault(item.FundId));
            row[4] = Cell.Of(c.PeriodStart);
            row[5] = Cell.Of(c.Status.ToString());
            row[6] = Cell.Of(new Money(c.AmountMinor, currency));
            row[7] = Cell.Of(c.Currency);
            row[8] = c.FeeMinor is { } fee ? Cell.Of(new Money(fee, currency)) : Cell.Empty;
            row[9] = Cell.Of(c.FeeIsEstimate ? "true" : "false");
            row[10] = c.SettledAmountMinor is { } amount && settled is { } s1 ? Cell.Of(new Money(amount, s1)) : Cell.Empty;
            row[11] = c.SettledFeeMinor is { } settledFee && settled is { } s2 ? Cell.Of(new Money(settledFee, s2)) : Cell.Empty;
            row[12] = Cell.Of(c.SettledCurrency);
            row[13] = Cell.OfRate(c.ExchangeRate);
            row[14] = Cell.Of(new Money(c.AmountRefundedMinor, currency));
            row[15] = Cell.Of(c.ReceiptNumber);
            row[16] = Cell.Of(c.CreatedAt);
            row[17] = Cell.Of(c.SucceededAt);
            row[18] = Cell.Of(c.FailedAt);
            row[19] = Cell.Of(c.ReversedAt);
            yield return row;
        }
    }

    /// <summary>The moment a day starts in the charity's time zone, in UTC (as times are stored).</summary>
    private static DateTime StartUtc(DateOnly day, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
}

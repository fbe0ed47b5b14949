using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Ledger;
using Portal.Core.Reconciliation;
using Portal.Testing;

namespace Portal.Core.Tests.Exports;

/// <summary>Charges, payouts and fund statements exported and read back; a filter that cannot work says why.</summary>
public class OtherExportsTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Charges_payouts_and_statements_export_what_the_records_say(DatabaseProvider provider)
    {
        await using var seeded = await ExportScenario.SeededAsync(provider);
        var services = seeded.Services;
        var nairobi = await ExportScenario.FundIdAsync(services, "nairobi");
        await using (var db = services.CreateContext())
        {
            db.Payouts.Add(new Payout
            {
                Gateway = "stripe",
                GatewayPayoutId = "po_march",
                AmountMinor = 5_860,
                Currency = "EUR",
                ArrivalDate = new DateOnly(2026, 3, 12),
                Status = PayoutStatus.Paid,
                LineCount = 2,
                MatchedCount = 1,
                OpenExceptionCount = 1
            });
            db.Payouts.Add(new Payout
            {
                Gateway = "stripe",
                GatewayPayoutId = "po_january",
                AmountMinor = 100,
                Currency = "EUR",
                ArrivalDate = new DateOnly(2026, 1, 12),
                Status = PayoutStatus.Paid
            });
            await db.SaveChangesAsync();
        }

        var march = new ExportFilter(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
        var charges = ExportFiles.Xlsx(
            await ExportScenario.ExportAsync(services, ExportKind.Charges, march with { FundId = nairobi }, ExportFormat.Xlsx));
        var noCharges = ExportFiles.Csv(
            await ExportScenario.ExportAsync(services, ExportKind.Charges, march with { From = new DateOnly(2026, 3, 11) }, ExportFormat.Csv));
        var payouts = ExportFiles.Csv(await ExportScenario.ExportAsync(services, ExportKind.Payouts, march, ExportFormat.Csv));
        var statements = ExportFiles.Csv(await ExportScenario.ExportAsync(services, ExportKind.Statements, march, ExportFormat.Csv));
        var statementsXlsx = ExportFiles.Xlsx(
            await ExportScenario.ExportAsync(services, ExportKind.Statements, march with { FundId = nairobi }, ExportFormat.Xlsx));

        string Column(IReadOnlyList<string> header, string[] row, string name) => row[header.ToList().IndexOf(name)];
        Assert.Equal(ChargesExport.Columns, charges[0]);
        Assert.Equal(2, charges.Count - 1);
        await using var check = services.CreateContext();
        var receipts = await check.Charges.Select(c => c.ReceiptNumber).ToListAsync();
        Assert.All(charges.Skip(1), row =>
        {
            Assert.Equal("30.00", Column(ChargesExport.Columns, row, "amount"));
            Assert.Equal("KEN01", Column(ChargesExport.Columns, row, "fund_code"));
            Assert.Equal("Succeeded", Column(ChargesExport.Columns, row, "status"));
            Assert.Contains(Column(ChargesExport.Columns, row, "receipt_number"), receipts);
        });
        Assert.Single(noCharges);
        Assert.Equal(PayoutsExport.Columns, payouts[0]);
        var payout = Assert.Single(payouts.Skip(1));
        Assert.Equal(["po_march", "stripe", "2026-03-12", "58.60", "EUR", "Paid", "", "2", "1", "1"], payout[..10]);

        // One statement row per fund (each in its own currency) and the closing balance equals the ledger's.
        Assert.Equal(StatementsExport.Columns, statements[0]);
        Assert.Equal(await check.Funds.CountAsync(), statements.Count - 1);
        var row = statements.Single(r => r[0] == "KEN01");
        var ledger = -await check.JournalLines.Where(l => l.Account!.FundId == nairobi && l.Currency == "EUR").SumAsync(l => l.AmountMinor);
        Assert.Equal(ledger / 100m, decimal.Parse(Column(StatementsExport.Columns, row, "closing"), CultureInfo.InvariantCulture));
        Assert.Equal("60.00", Column(StatementsExport.Columns, row, "gifts"));
        Assert.Equal("2", Column(StatementsExport.Columns, row, "donors"));
        Assert.Equal("EUR", Column(StatementsExport.Columns, row, "reporting_currency"));
        Assert.Equal(row[..2], statementsXlsx.Single(r => r[0] == "KEN01")[..2]);
        Assert.Equal(2, statementsXlsx.Count);
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_or_a_statement_without_a_period_is_refused_with_a_reason()
    {
        Assert.Contains(
            "before its start",
            new ExportFilter(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 1)).Problem(ExportKind.Journal),
            StringComparison.Ordinal);
        Assert.Contains("needs a period", new ExportFilter(null, new DateOnly(2026, 3, 1)).Problem(ExportKind.Statements), StringComparison.Ordinal);
        Assert.Null(new ExportFilter(null, null).Problem(ExportKind.Journal));
        Assert.Null(new ExportFilter(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1)).Problem(ExportKind.Statements));
    }

    [Fact]
    public void Amounts_are_written_from_minor_units_exactly()
    {
        Assert.Equal("12.34", Cell.Major(1234, 2));
        Assert.Equal("-0.05", Cell.Major(-5, 2));
        Assert.Equal("1.000", Cell.Major(1000, 3));
        Assert.Equal("-92233720368547758.08", Cell.Major(long.MinValue, 2));
        Assert.Equal("700", Cell.Major(700, 0));
    }
}

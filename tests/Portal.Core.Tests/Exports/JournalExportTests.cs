using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Testing;

namespace Portal.Core.Tests.Exports;

/// <summary>The journal export, read back as CSV and as XLSX, holds every line and agrees with the ledger's totals.</summary>
public class JournalExportTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_journal_exports_every_line_in_both_formats_and_each_accounts_total_matches_the_ledger(DatabaseProvider provider)
    {
        await using var seeded = await ExportScenario.SeededAsync(provider);
        var services = seeded.Services;
        var everything = new ExportFilter(null, null);

        var csv = ExportFiles.Csv(await ExportScenario.ExportAsync(services, ExportKind.Journal, everything, ExportFormat.Csv));
        var xlsxFile = await ExportScenario.ExportAsync(services, ExportKind.Journal, everything, ExportFormat.Xlsx);
        var xlsx = ExportFiles.Xlsx(xlsxFile);

        await using var db = services.CreateContext();
        var ledger = await db.JournalLines.GroupBy(l => l.Account!.Code).Select(g => new { Code = g.Key, Sum = g.Sum(l => l.AmountMinor) })
            .ToListAsync();
        Assert.Equal(JournalExport.Columns, csv[0]);
        Assert.Equal(JournalExport.Columns, xlsx[0]);
        Assert.Equal(await db.JournalLines.CountAsync(), csv.Count - 1);
        Assert.Equal(csv.Count, xlsx.Count);
        foreach (var format in new[] { csv, xlsx })
        {
            var rows = format.Skip(1).ToList();
            var byAccount = rows.GroupBy(r => r[4]).ToDictionary(g => g.Key, g => g.Sum(r => Amount(r[7]) - Amount(r[8])));
            Assert.Equal(ledger.ToDictionary(l => l.Code, l => l.Sum / 100m), byAccount);
            Assert.Equal(rows.Sum(r => Amount(r[7])), rows.Sum(r => Amount(r[8])));
            Assert.Contains(rows, r => r[4] == "4000-KEN01-EUR" && r[8] == "30.00" && r[6] != "UGA01" && r[6] != ""
                && r[3].StartsWith("charge:", StringComparison.Ordinal));
        }

        // Text stays text: a description that looks like a formula, one with a comma and quotes.
        Assert.Contains(csv, r => r[2] == "'Health care: =1+1 doctor" || r[2] == "Health care: =1+1 doctor");
        Assert.Contains(csv, r => r[2] == "Education: March books, \"used\"");
        Assert.Contains(xlsx, r => r[2] == "Health care: =1+1 doctor");
        // In the workbook amounts and dates are numbers with a format, not text.
        var cells = ExportFiles.XlsxCells(xlsxFile);
        var gift = cells.First(r => r[4].Value == "4000-KEN01-EUR");
        Assert.True(gift[8].IsNumber && gift[8].Style != 0);
        Assert.True(gift[1].IsNumber && gift[1].Style != 0);
        Assert.Equal(new DateOnly(2026, 3, 10), new DateOnly(1899, 12, 30).AddDays(int.Parse(gift[1].Value, CultureInfo.InvariantCulture)));
        Assert.Equal("2026-03-10", csv.First(r => r[4] == "4000-KEN01-EUR")[1]);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_journal_export_keeps_to_the_period_and_the_fund(DatabaseProvider provider)
    {
        await using var seeded = await ExportScenario.SeededAsync(provider);
        var services = seeded.Services;
        var nairobi = await ExportScenario.FundIdAsync(services, "nairobi");
        var other = await ExportScenario.FundIdAsync(services, "gulu");

        var march = ExportFiles.Csv(await ExportScenario.ExportAsync(
            services,
            ExportKind.Journal,
            new ExportFilter(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 5), nairobi),
            ExportFormat.Csv));
        var otherFund = ExportFiles.Xlsx(
            await ExportScenario.ExportAsync(services, ExportKind.Journal, new ExportFilter(null, null, other), ExportFormat.Xlsx));

        // The two March spending lines, two journal lines each, and nothing dated outside the days asked for.
        Assert.Equal(4, march.Count - 1);
        Assert.All(march.Skip(1), r => Assert.InRange(
            DateOnly.ParseExact(r[1], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            new DateOnly(2026, 3, 1),
            new DateOnly(2026, 3, 5)));
        // The other fund's opening balance only: its own account and the bank.
        Assert.Equal(2, otherFund.Count - 1);
        Assert.DoesNotContain(otherFund.Skip(1), r => r[6] != "UGA01" && r[6] != "");
    }

    private static decimal Amount(string text)
        => text.Length == 0 ? 0 : decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Spending;
using Portal.Core.Tests.Payments.Events;
using Portal.Testing;

namespace Portal.Core.Tests.Spending;

/// <summary>Spending from a form or a CSV: all rows or none, every bad row named, each record posted to its fund once.</summary>
public class SpendingBookTests
{
    private const string Header = "fund,category,date,amount,currency,description,reference";

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_good_file_is_imported_whole_and_each_line_posts_to_its_funds_spending(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var csv = $"\uFEFF{Header}\r\nnairobi,education,2026-02-03,1250.50,EUR,School books for 40 children,INV-1\r\n" +
            "KEN01,health_care,2026-02-10,80,eur,\"Doctor's visit, \"\"urgent\"\"\",\r\n\r\n";

        var result = await ImportAsync(services, csv);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        Assert.Equal(2, result.Imported);
        await using var db = services.CreateContext();
        var records = await db.SpendingRecords.OrderBy(s => s.SpentOn).ToListAsync();
        Assert.Equal(
            [(SpendingCategory.Education, 125050L, "INV-1"), (SpendingCategory.HealthCare, 8000L, (string?)null)],
            records.Select(r => (r.Category, r.AmountMinor, r.Reference)));
        Assert.Equal("Doctor's visit, \"urgent\"", records[1].Description);
        var spent = await db.JournalLines.Where(l => l.Account!.Kind == AccountKind.FundSpending).SumAsync(l => l.AmountMinor);
        Assert.Equal(133050, spent);
        Assert.Equal(0, await db.JournalLines.SumAsync(l => l.AmountMinor));
        var nairobiId = await db.Funds.Where(f => f.Slug == "nairobi").Select(f => f.Id).SingleAsync();
        var balances = await services.InScopeAsync(
            scope => scope.GetRequiredService<FundFiguresReader>().SinceTheBeginningAsync([nairobiId], CancellationToken.None));
        var nairobi = balances.Single(b => b.Currency.Code == "EUR");
        Assert.Equal(133050, nairobi.Spent.Minor);
        Assert.Equal(nairobi.Opening.Minor + nairobi.Net.Minor - 133050, nairobi.Closing.Minor);
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Action == "spending.imported"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_file_with_bad_rows_imports_nothing_and_names_every_bad_row_and_reason(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        Assert.True((await ImportAsync(services, $"{Header}\nnairobi,education,2026-01-05,10,EUR,Earlier,INV-OLD\n")).Succeeded);
        var csv = string.Join("\n",
            Header,
            "nairobi,education,2026-02-03,100.00,EUR,Good row,INV-2",
            "atlantis,education,2026-02-03,100.00,EUR,No such fund,",
            "nairobi,parties,2026-02-03,100.00,EUR,Bad category,",
            "nairobi,education,03/02/2026,100.00,EUR,Bad date,",
            "nairobi,education,2099-01-01,100.00,EUR,Future,",
            "nairobi,education,2026-02-03,-5,EUR,Negative,",
            "nairobi,education,2026-02-03,1.234,EUR,Three decimals,",
            "nairobi,education,2026-02-03,10,XYZ,Bad currency,",
            "nairobi,education,2026-02-03,10,EUR,,",
            "nairobi,education,2026-02-03,10,EUR,Too few columns",
            "nairobi,education,2026-02-03,10,EUR,Same reference,INV-2",
            "nairobi,education,2026-02-03,10,EUR,Imported before,INV-OLD");

        var result = await ImportAsync(services, csv);

        Assert.False(result.Succeeded);
        Assert.Equal(0, result.Imported);
        Assert.Equal(
            [
                (3, "fund"), (4, "category"), (5, "date"), (6, "date"), (7, "amount"), (8, "amount"), (9, "currency"), (10, "description"),
                (11, "row"), (12, "reference"), (13, "reference"),
            ],
            result.Problems.Select(p => (p.Line, p.Field)));
        Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
        await using var db = services.CreateContext();
        Assert.Equal(1, await db.SpendingRecords.CountAsync());
        Assert.Equal(1000, await db.JournalLines.Where(l => l.Account!.Kind == AccountKind.FundSpending).SumAsync(l => l.AmountMinor));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_wrong_header_or_a_bad_form_line_is_refused_with_its_reason(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;

        var wrongHeader = await ImportAsync(services, "fund;category;date\nnairobi;education;2026-01-01\n");
        var empty = await ImportAsync(services, "");
        var form = await services.InScopeAsync(scope => scope.GetRequiredService<SpendingBook>().AddAsync(
            new SpendingInput(
                "nairobi",
                "education",
                "2026-02-30",
                "12",
                "EUR",
                "<script>alert(1)</script>",
                null), "staff-1", "finance@example.org", CancellationToken.None));
        var good = await services.InScopeAsync(scope => scope.GetRequiredService<SpendingBook>().AddAsync(
            new SpendingInput(
                "nairobi",
                "daily_care",
                "2026-03-01",
                "12",
                "EUR",
                "Food for a family house",
                "V-9"), "staff-1", "finance@example.org", CancellationToken.None));
        var again = await services.InScopeAsync(scope => scope.GetRequiredService<SpendingBook>().AddAsync(
            new SpendingInput(
                "nairobi",
                "daily_care",
                "2026-03-01",
                "12",
                "EUR",
                "Food for a family house",
                "V-9"), "staff-1", "finance@example.org", CancellationToken.None));

        Assert.Equal((1, "header"), (wrongHeader.Problems.Single().Line, wrongHeader.Problems.Single().Field));
        Assert.Equal("header", empty.Problems.Single().Field);
        Assert.Equal("date", form.Single().Field);
        Assert.Empty(good);
        Assert.Equal("reference", again.Single().Field);
        await using var db = services.CreateContext();
        Assert.Equal("V-9", (await db.SpendingRecords.SingleAsync()).Reference);
    }

    private static Task<SpendingImport> ImportAsync(PortalServices services, string csv) =>
        services.InScopeAsync(scope => scope.GetRequiredService<SpendingBook>()
            .ImportAsync(new StringReader(csv), "staff-1", "finance@example.org", CancellationToken.None));
}

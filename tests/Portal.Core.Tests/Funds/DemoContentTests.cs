using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Ledger;
using Portal.Core.Transparency;
using Portal.Testing;

namespace Portal.Core.Tests.Funds;

public class DemoContentTests
{
    [Fact]
    public async Task Seeds_six_villages_in_different_countries_and_the_four_programs_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);

        var first = await services.InScopeAsync(scope => scope.GetRequiredService<SeedDemoContent>().RunAsync(CancellationToken.None));
        var second = await services.InScopeAsync(scope => scope.GetRequiredService<SeedDemoContent>().RunAsync(CancellationToken.None));

        Assert.True(first);
        Assert.False(second);
        await using var db = services.CreateContext();
        var funds = await db.Funds.ToListAsync();
        var villages = funds.Where(f => f.Kind == FundKind.Village).ToList();
        Assert.True(villages.Count >= 6);
        Assert.Equal(villages.Count, villages.Select(v => v.CountryCode).Distinct().Count());
        Assert.Equal(Enum.GetValues<ProgramArea>().Order(), funds.Where(f => f.Kind == FundKind.Program).Select(f => f.Area!.Value).Order());
        Assert.All(funds, f => Assert.True(f.GoalMinor > 0 && f.Story.Length > 100));
        Assert.Equal(funds.Count, await db.JournalEntries.CountAsync(e => e.IdempotencyKey.StartsWith("opening:")));
        Assert.Equal(0, await db.JournalLines.SumAsync(l => l.AmountMinor));
        Assert.True(await db.JournalLines.AnyAsync(l => l.Account!.Kind == AccountKind.OpeningBalance));
        var translations = (await db.FundTranslations.ToListAsync()).ToLookup(t => t.FundId);
        Assert.All(funds, f => Assert.Empty(FundText.MissingIn(translations[f.Id])));
        Assert.All(translations.SelectMany(t => t), t => Assert.NotEqual(funds.Single(f => f.Id == t.FundId).Story, t.Story));
    }

    [Fact]
    public async Task With_demo_history_last_quarters_reports_have_figures_and_publish_and_the_empty_quarter_before_does_not()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database, new Dictionary<string, string?> { ["Portal:DemoHistory"] = "true" });
        services.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
        await services.InScopeAsync(scope => scope.GetRequiredService<SeedDemoContent>().RunAsync(CancellationToken.None));
        var lastQuarter = ReportPeriod.Quarter(2026, 3);
        var quarterBefore = ReportPeriod.Quarter(2026, 2);

        foreach (var period in new[] { lastQuarter, quarterBefore })
        {
            await services.InScopeAsync(scope => scope.GetRequiredService<BuildTransparencyReports>().BuildAsync(period, CancellationToken.None));
        }

        await using var db = services.CreateContext();
        var funds = await db.Funds.ToListAsync();
        var spent = await db.SpendingRecords.GroupBy(r => r.FundId).ToDictionaryAsync(g => g.Key, g => g.Sum(r => r.AmountMinor));
        var opened = await db.JournalEntries.Where(e => e.IdempotencyKey.StartsWith("opening:")).Select(e => e.Date).Distinct().ToListAsync();
        Assert.Equal([quarterBefore.Start], opened);
        var reports = await db.TransparencyReports.AsNoTracking().ToListAsync();
        foreach (var fund in funds)
        {
            var last = ReportFigures.FromJson(reports.Single(r => r.FundId == fund.Id && r.PeriodKey == lastQuarter.Key).FiguresJson);
            var before = ReportFigures.FromJson(reports.Single(r => r.FundId == fund.Id && r.PeriodKey == quarterBefore.Key).FiguresJson);
            Assert.False(last.IsEmpty, fund.Code);
            Assert.True(spent[fund.Id] > 0, fund.Code);
            Assert.Equal((before.Closing, spent[fund.Id], last.Opening - spent[fund.Id]), (last.Opening, last.Spent, last.Closing));
            Assert.Equal(3, last.Spending.Count(c => c.Amount > 0));
            Assert.True(before.IsEmpty, fund.Code);
        }

        var nairobi = funds.Single(f => f.Slug == "nairobi").Id;
        Task<string?> PublishAsync(string key) => services.InScopeAsync(scope => scope.GetRequiredService<PublishTransparencyReport>().PublishAsync(
            reports.Single(r => r.FundId == nairobi && r.PeriodKey == key).Id, true, "staff", "comms", CancellationToken.None));
        Assert.Equal(PublishTransparencyReport.EmptyReport(quarterBefore), await PublishAsync(quarterBefore.Key));
        Assert.Null(await PublishAsync(lastQuarter.Key));
        await using var check = services.CreateContext();
        Assert.Equal(
            [(lastQuarter.Key, ReportStatus.Published), (quarterBefore.Key, ReportStatus.Draft)],
            await check.TransparencyReports.Where(r => r.FundId == nairobi).OrderByDescending(r => r.PeriodKey)
                .Select(r => ValueTuple.Create(r.PeriodKey, r.Status)).ToListAsync());
        Assert.Equal(1, await check.ImpactUpdates.CountAsync());
        Assert.Equal(2, await check.AuditRecords.CountAsync(a => a.Action.StartsWith("transparency.")));
    }

    [Fact]
    public void Each_fund_gets_its_own_picture_the_same_at_every_start()
    {
        var funds = Enumerable.Range(0, 10).Select(i => new Fund
        {
            Slug = $"f{i}",
            Code = $"F{i}",
            Name = $"Fund <{i}> & co",
            Summary = "s",
            Story = "s",
            Currency = "EUR",
            Kind = i % 2 == 0 ? FundKind.Village : FundKind.Program,
            Area = (ProgramArea)(i % 4 + 1),
            ImageSeed = i * 7919
        }).ToList();

        var pictures = funds.Select(FundImage.Svg).ToList();

        Assert.Equal(pictures, funds.Select(FundImage.Svg));
        Assert.Equal(pictures.Count, pictures.Distinct().Count());
        foreach (var svg in pictures)
        {
            var root = XDocument.Parse(svg).Root!;
            Assert.Equal("svg", root.Name.LocalName);
            Assert.Equal("img", root.Attribute("role")!.Value);
            Assert.Contains("Fund <", root.Elements().First(e => e.Name.LocalName == "title").Value, StringComparison.Ordinal);
        }
    }
}

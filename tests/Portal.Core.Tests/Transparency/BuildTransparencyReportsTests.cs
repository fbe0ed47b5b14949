using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Transparency;
using Portal.Testing;

namespace Portal.Core.Tests.Transparency;

/// <summary>A quarter's report carries the ledger's figures, and building again refreshes drafts and leaves published reports alone.</summary>
public class BuildTransparencyReportsTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_reports_figures_equal_the_fund_statement_and_the_journal(DatabaseProvider provider)
    {
        await using var seeded = await ReportScenario.SeededAsync(provider);
        var services = seeded.Services;

        var build = await ReportScenario.BuildAsync(services, ReportScenario.Q1);

        await using var db = services.CreateContext();
        Assert.Equal(await db.Funds.CountAsync(), build.Created);
        Assert.Empty(build.Failed);
        var report = await ReportScenario.NairobiAsync(services);
        Assert.Equal(
            (ReportStatus.Draft, ReportPeriodKind.Quarter, new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 1)),
            (report.Status, report.PeriodKind, report.PeriodStart, report.PeriodEnd));
        var figures = ReportFigures.FromJson(report.FiguresJson);
        var fund = await db.Funds.SingleAsync(f => f.Slug == "nairobi");
        var statement = (await services.InScopeAsync(scope => scope.GetRequiredService<FundStatements>()
            .ForAsync(fund, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), CancellationToken.None))).Single();
        Assert.Equal("EUR", figures.Currency);
        Assert.Equal((6_000L, 1_250L, 0L, 15_550L), (figures.Gifts, figures.Refunds, figures.Disputes, figures.Spent));
        Assert.Equal(
            (statement.Opening.Minor, statement.Gifts.Minor, statement.Refunds.Minor, statement.Disputes.Minor, statement.Fees.Minor, statement.Spent
                .Minor, statement.Closing.Minor),
            (figures.Opening, figures.Gifts, figures.Refunds, figures.Disputes, figures.Fees, figures.Spent, figures.Closing));
        Assert.Equal([14_000L, 1_550L, 0L, 0L, 0L, 0L], figures.Spending.Select(c => c.Amount));
        Assert.Equal(["education", "health_care"], figures.Spending.Where(c => c.Amount > 0).Select(c => c.Code));
        // The journal itself: the fund's lines up to the quarter's end, and its refund and spending accounts.
        var lines = from line in db.JournalLines
                    join entry in db.JournalEntries on line.JournalEntryId equals entry.Id
                    where line.Account!.FundId == fund.Id && entry.Date < report.PeriodEnd
                    select line;
        Assert.Equal(-await lines.SumAsync(l => l.AmountMinor), figures.Closing);
        Assert.Equal(await lines.Where(l => l.Account!.Kind == AccountKind.FundRefunds).SumAsync(l => l.AmountMinor), figures.Refunds);
        Assert.Equal(await lines.Where(l => l.Account!.Kind == AccountKind.FundSpending).SumAsync(l => l.AmountMinor), figures.Spent);
        Assert.Equal(figures.Opening + figures.Net.Minor - figures.Spent, figures.Closing);
        Assert.Equal(2, figures.Sponsors);
        Assert.Empty(figures.OtherCurrencies);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Building_again_updates_a_draft_once_and_never_changes_a_published_report(DatabaseProvider provider)
    {
        await using var seeded = await ReportScenario.SeededAsync(provider);
        var services = seeded.Services;
        await ReportScenario.BuildAsync(services, ReportScenario.Q1);

        await ReportScenario.SpendAsync(services, "nairobi,daily_care,2026-03-20,10,EUR,Late invoice,L-1\n");
        var again = await ReportScenario.BuildAsync(services, ReportScenario.Q1);

        await using (var db = services.CreateContext())
        {
            Assert.Equal((0, await db.Funds.CountAsync(), 0), (again.Created, again.Updated, again.LeftPublished));
            Assert.Equal(await db.Funds.CountAsync(), await db.TransparencyReports.CountAsync());
        }

        var draft = await ReportScenario.NairobiAsync(services);
        Assert.Equal(16_550, ReportFigures.FromJson(draft.FiguresJson).Spent);
        Assert.Null(await ReportScenario.PublishAsync(services, draft.Id, confirmed: true));
        var published = await ReportScenario.NairobiAsync(services);

        await ReportScenario.SpendAsync(services, "nairobi,daily_care,2026-03-21,99,EUR,Later still,L-2\n");
        var third = await ReportScenario.BuildAsync(services, ReportScenario.Q1);

        var after = await ReportScenario.NairobiAsync(services);
        Assert.Equal(1, third.LeftPublished);
        Assert.Equal((published.FiguresJson, published.Version, published.BuiltAt), (after.FiguresJson, after.Version, after.BuiltAt));
        Assert.Equal(16_550, ReportFigures.FromJson(after.FiguresJson).Spent);
    }
}

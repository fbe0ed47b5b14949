using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Ledger;

namespace Portal.Core.Transparency;

/// <summary>What a build did, fund by fund.</summary>
/// <param name="Failed">Funds whose report could not be saved (logged); the others are built regardless.</param>
public sealed record ReportBuild(ReportPeriod Period, int Created, int Updated, int LeftPublished, IReadOnlyList<string> Failed);

/// <summary>
/// Builds the period's report for every fund from its statement. Safe to run again: a draft's figures are taken
/// afresh (its outcomes and stories stay), a published report is never touched, so readers keep what was published.
/// </summary>
public sealed class BuildTransparencyReports(
    PortalDbContext db,
    FundStatements statements,
    CharityCalendar calendar,
    ILogger<BuildTransparencyReports> logger)
{
    public async Task<ReportBuild> BuildAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var funds = await db.Funds.AsNoTracking().OrderBy(f => f.Kind).ThenBy(f => f.Name).ToListAsync(cancellationToken);
        int created = 0, updated = 0, published = 0;
        var failed = new List<string>();
        foreach (var fund in funds)
        {
            try
            {
                switch (await BuildOneAsync(fund, period, cancellationToken))
                {
                    case ReportStatus.Published: published++; break;
                    case null: created++; break;
                    default: updated++; break;
                }
            }
            catch (DbUpdateException e)
            {
                // Another build saved the same report first (the unique key), or the database refused: the next run retries.
                TransparencyLog.ReportNotSaved(logger, e, period.Key, fund.Code);
                db.ChangeTracker.Clear();
                failed.Add(fund.Code);
            }
        }

        return new ReportBuild(period, created, updated, published, failed);
    }

    /// <returns>The report's status before the build; null when it is new.</returns>
    private async Task<ReportStatus?> BuildOneAsync(Fund fund, ReportPeriod period, CancellationToken cancellationToken)
    {
        var report = await db.TransparencyReports.SingleOrDefaultAsync(r => r.FundId == fund.Id && r.PeriodKey == period.Key, cancellationToken);
        if (report?.Status == ReportStatus.Published)
        {
            return ReportStatus.Published;
        }

        var figures = await FiguresAsync(fund, period, cancellationToken);
        var before = report?.Status;
        if (report is null)
        {
            report = new TransparencyReport { FundId = fund.Id, PeriodKey = period.Key, FiguresJson = "" };
            db.TransparencyReports.Add(report);
        }

        (report.PeriodKind, report.PeriodStart, report.PeriodEnd) = (period.Kind, period.Start, period.End);
        report.FiguresJson = figures.ToJson();
        report.BuiltAt = calendar.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return before;
    }

    private async Task<ReportFigures> FiguresAsync(Fund fund, ReportPeriod period, CancellationToken cancellationToken)
    {
        // The statement's period is inclusive of its last day; the report's end is the day after.
        var all = await statements.ForAsync(fund, period.Start, period.End.AddDays(-1), cancellationToken);
        var sponsors = await ReportSponsors.CountAsync(db, fund.Id, period, calendar, cancellationToken);
        var others = all.Where(s => s.Currency.Code != fund.Currency && (!s.Closing.IsZero || !s.Gifts.IsZero || !s.Spent.IsZero))
            .Select(s => s.Currency.Code).ToList();
        // A fund with lines only in other currencies has nothing in its own: all its own figures are zero.
        return all.FirstOrDefault(s => s.Currency.Code == fund.Currency) is { } own
            ? ReportFigures.From(own, sponsors, others)
            : ReportFigures.Empty(fund.Currency, sponsors, others);
    }
}

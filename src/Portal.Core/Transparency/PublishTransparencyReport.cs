using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Transparency;

/// <summary>
/// Publishes a draft that has figures (a report with no gift and no spending is refused), once someone confirmed it holds
/// no child-identifying data: records who confirmed and when,
/// audits both, and schedules the summary to the fund's sponsors (one <see cref="ImpactUpdate"/>, however often this
/// is called; the update sender picks it up).
/// </summary>
public sealed class PublishTransparencyReport(PortalDbContext db, AuditLog audit, CharityCalendar calendar, ReportSummary summary)
{
    public const string ConfirmationRequired =
        "Publishing needs the confirmation that you checked the report: no names, exact places or faces of children.";

    /// <returns>Null when published (or already was); otherwise why not.</returns>
    public async Task<string?> PublishAsync(
        Guid reportId,
        bool childDataConfirmed,
        string actorId,
        string actorName,
        CancellationToken cancellationToken)
    {
        var report = await db.TransparencyReports.SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
        {
            return "There is no such report.";
        }

        if (report.Status == ReportStatus.Published)
        {
            return null;
        }

        if (ReportFigures.FromJson(report.FiguresJson).IsEmpty)
        {
            return EmptyReport(ReportPeriodOf(report));
        }

        if (!childDataConfirmed)
        {
            return ConfirmationRequired;
        }

        var fund = await db.Funds.AsNoTracking().SingleAsync(f => f.Id == report.FundId, cancellationToken);
        var now = calendar.UtcNow;
        (report.ChildDataConfirmedAt, report.ChildDataConfirmedBy) = (now, actorName);
        (report.Status, report.PublishedAt, report.PublishedBy) = (ReportStatus.Published, now, actorName);
        audit.Record(actorId, actorName, "transparency.child-data-confirmed", report.Id.ToString(), $"{fund.Code} {report.PeriodKey}");
        audit.Record(actorId, actorName, "transparency.published", report.Id.ToString(), $"{fund.Code} {report.PeriodKey}");
        if (!await db.ImpactUpdates.AnyAsync(u => u.TransparencyReportId == report.Id, cancellationToken))
        {
            db.ImpactUpdates.Add(new ImpactUpdate
            {
                Title = $"{fund.Name}: how your gifts were used in {ReportPeriodOf(report).Title}",
                BodyMarkdown = summary.Markdown(report, fund),
                Topic = MailTopics.TransparencyReports,
                AudienceKind = UpdateAudienceKind.FundSponsors,
                FundId = fund.Id,
                IncludeActive = true,
                IncludePaused = true,
                TransparencyReportId = report.Id,
                Status = UpdateStatus.Scheduled,
                ScheduledFor = now,
                CreatedBy = actorName,
                SentBy = actorName,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            // The report's version: someone else saved or published it meanwhile, and their change stands.
            return "Someone else changed this report meanwhile; reload it and look again.";
        }
    }

    /// <summary>Why a report with no gift and no spending is not published: donors would read a page of zeros.</summary>
    public static string EmptyReport(ReportPeriod period) =>
        $"This report shows no gifts and no spending in {period.Title}, so there is nothing to tell donors. Check that the period's "
        + "gifts and spending are in the ledger, build the report again, and then publish it.";

    private static ReportPeriod ReportPeriodOf(TransparencyReport report) =>
        ReportPeriod.TryParse(report.PeriodKey, out var period)
            ? period
            : throw new InvalidOperationException($"Report {report.Id} has the key '{report.PeriodKey}'.");
}

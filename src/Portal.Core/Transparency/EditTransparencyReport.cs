using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Transparency;

/// <summary>Saves a draft's outcomes and stories. A published report is what readers were shown, so it stays as it is.</summary>
public sealed class EditTransparencyReport(PortalDbContext db, AuditLog audit)
{
    public const int MaxStoriesLength = 20_000;

    /// <returns>Null when saved; otherwise why not.</returns>
    public async Task<string?> SaveAsync(
        Guid reportId,
        IReadOnlyList<ReportOutcome> outcomes,
        string? stories,
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
            return "This report is published and can no longer be changed.";
        }

        if ((stories?.Length ?? 0) > MaxStoriesLength)
        {
            return $"The stories are longer than {MaxStoriesLength} characters.";
        }

        if (outcomes.FirstOrDefault(o => string.IsNullOrWhiteSpace(o.Label) || o.Label.Length > ReportOutcome.MaxLabelLength) is { } bad)
        {
            return $"Every outcome needs a label of at most {ReportOutcome.MaxLabelLength} characters (\"{bad.Label}\").";
        }

        report.OutcomesJson = ReportOutcome.ListToJson(outcomes.Select(o => o with { Label = o.Label.Trim() }));
        report.Stories = stories?.Trim() ?? "";
        // A confirmation covers the text it was given for; an edit needs a new look.
        (report.ChildDataConfirmedAt, report.ChildDataConfirmedBy) = (null, null);
        audit.Record(
            actorId,
            actorName,
            "transparency.edited",
            report.Id.ToString(),
            $"{report.PeriodKey}: {outcomes.Count} outcomes, {report.Stories.Length} characters of stories");
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
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Exports.Tables;
using Portal.Core.Hosting;
using Portal.Core.Transparency;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Communications.Pages.Reports;

/// <summary>/communications/reports: every fund's transparency reports, a CSV of their figures, and "build now".</summary>
public sealed class IndexModel(
    PortalDbContext db,
    BuildTransparencyReports build,
    CharityCalendar calendar,
    UserManager<IdentityUser> users,
    AuditLog audit,
    TransparencyReportsExport reportsExport,
    IStringLocalizer<StaffText> text) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>The period to build, as in a report's address: "2026-q3" or "2026".</summary>
    [BindProperty]
    public string? Period { get; set; }

    public List<ReportRow> Reports { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Period = ReportPeriod.QuarterBefore(calendar.Today).Key;
        Reports = await ReportRow.AllAsync(db, cancellationToken);
    }

    public async Task<IActionResult> OnPostBuildAsync(CancellationToken cancellationToken)
    {
        if (!ReportPeriod.TryParse(Period, out var period))
        {
            Problem = text["Write the period as 2026-q3 for a quarter or 2026 for a year."];
        }
        else if (period.End > calendar.Today)
        {
            Problem = text["{0} has not ended yet; its figures would be incomplete.", period.Title];
        }

        if (Problem is not null)
        {
            Reports = await ReportRow.AllAsync(db, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Run here rather than queued: a report per fund is a few sums in the database, and staff see the result at once.
        var result = await build.BuildAsync(period, cancellationToken);
        var actor = await users.ActorAsync(User);
        audit.Record(actor.Id, actor.Name, "transparency.built", period.Key,
            $"{result.Created} new, {result.Updated} updated, {result.LeftPublished} published left as they were", HttpContext.Connection
                .RemoteIpAddress?
                .ToString());
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = text["{0}: {1} new drafts, {2} drafts updated, {3} published reports left as they were.",
                period.Title, result.Created, result.Updated, result.LeftPublished].Value
            + (result.Failed.Count > 0 ? " " + text["Not saved, try again: {0}.", string.Join(", ", result.Failed)] : "");
        return RedirectToPage();
    }

    public IActionResult OnGetCsv() => new ExportFileResult(reportsExport.Table(), ExportFormat.Csv);

}

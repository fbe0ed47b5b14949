using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Transparency;
using Portal.Web.Hosting;

namespace Portal.Web.Areas.Communications.Pages.Reports;

/// <summary>/communications/reports: every fund's transparency reports, a CSV of their figures, and "build now".</summary>
public sealed class IndexModel(PortalDbContext db, BuildTransparencyReports build, CharityCalendar calendar, UserManager<IdentityUser> users, AuditLog audit) : PageModel
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
            Problem = "Write the period as 2026-q3 for a quarter or 2026 for a year.";
        }
        else if (period.End > calendar.Today)
        {
            Problem = $"{period.Title} has not ended yet; its figures would be incomplete.";
        }

        if (Problem is not null)
        {
            Reports = await ReportRow.AllAsync(db, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Run here rather than queued: a report per fund is a few sums in the database, and staff see the result at once.
        var result = await build.BuildAsync(period, cancellationToken);
        var user = await users.GetUserAsync(User);
        audit.Record(user?.Id ?? "", user?.Email ?? User.Identity?.Name ?? "staff", "transparency.built", period.Key,
            $"{result.Created} new, {result.Updated} updated, {result.LeftPublished} published left as they were", HttpContext.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"{period.Title}: {result.Created} new drafts, {result.Updated} drafts updated, {result.LeftPublished} published reports left as they were."
            + (result.Failed.Count > 0 ? $" Not saved, try again: {string.Join(", ", result.Failed)}." : "");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("fund_code,fund_name,period,status,currency,opening,gifts,returned,refunds,disputes,fees,spent,closing,sponsors,donors,built_at_utc,published_at_utc,published_by\r\n");
        foreach (var row in await ReportRow.AllAsync(db, cancellationToken))
        {
            var f = row.Figures;
            csv.Append(CultureInfo.InvariantCulture, $"{Csv.Cell(row.FundCode)},{Csv.Cell(row.FundName)},{row.Report.PeriodKey},{row.Report.Status},{f.Currency},");
            csv.Append(CultureInfo.InvariantCulture, $"{Plain(f, f.Opening)},{Plain(f, f.Gifts)},{Plain(f, f.Returned)},{Plain(f, f.Refunds)},{Plain(f, f.Disputes)},{Plain(f, f.Fees)},{Plain(f, f.Spent)},{Plain(f, f.Closing)},{f.Sponsors},{f.Donors},");
            csv.Append(CultureInfo.InvariantCulture, $"{Stamp(row.Report.BuiltAt)},{(row.Report.PublishedAt is { } at ? Stamp(at) : "")},{Csv.Cell(row.Report.PublishedBy ?? "")}\r\n");
        }

        return File(Csv.Bytes(csv), "text/csv", "transparency-reports.csv");
    }

    private static string Plain(ReportFigures figures, long minor) => figures.Amount(minor).ToPlainString();

    private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}

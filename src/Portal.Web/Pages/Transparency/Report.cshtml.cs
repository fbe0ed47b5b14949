using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Transparency;

namespace Portal.Web.Pages.Transparency;

/// <summary>
/// <c>/transparency/{fund}/{period}</c>: a published report for anyone to read, and the same as a PDF at
/// <c>/transparency/{fund}/{period}.pdf</c> (or <c>?format=pdf</c>). Drafts do not exist for the public: 404.
/// </summary>
public sealed class ReportModel(PortalDbContext db) : PageModel
{
    public Fund Fund { get; private set; } = null!;

    public TransparencyReport Report { get; private set; } = null!;

    public ReportFigures Figures { get; private set; } = null!;

    public IReadOnlyList<ReportOutcome> Outcomes { get; private set; } = [];

    public ReportPeriod Period { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string fund, string period, string? format, CancellationToken cancellationToken)
    {
        var pdf = period.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) || string.Equals(format, "pdf", StringComparison.OrdinalIgnoreCase);
        var key = pdf && period.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? period[..^4] : period;
        if (!ReportPeriod.TryParse(key, out var parsed))
        {
            return NotFound();
        }

        var found = await db.Funds.AsNoTracking().SingleOrDefaultAsync(f => f.Slug == fund, cancellationToken);
        var report = found is null ? null : await db.TransparencyReports.AsNoTracking()
            .SingleOrDefaultAsync(r => r.FundId == found.Id && r.PeriodKey == parsed.Key && r.Status == ReportStatus.Published, cancellationToken);
        if (found is null || report is null)
        {
            return NotFound();
        }

        if (pdf)
        {
            var bytes = TransparencyReportPdf.Render(report, found, CultureInfo.CurrentCulture);
            return File(bytes, "application/pdf", $"{found.Slug}-{report.PeriodKey}.pdf");
        }

        (Fund, Report, Period) = (found, report, parsed);
        Figures = ReportFigures.FromJson(report.FiguresJson);
        Outcomes = ReportOutcome.ListFromJson(report.OutcomesJson);
        return Page();
    }
}

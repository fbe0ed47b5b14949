using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Transparency;

namespace Portal.Web.Areas.Communications.Pages.Reports;

/// <summary>A report with its fund's names and its figures read back.</summary>
public sealed record ReportRow(TransparencyReport Report, string FundCode, string FundName, string FundSlug, ReportFigures Figures)
{
    public static async Task<List<ReportRow>> AllAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var rows = await (from report in db.TransparencyReports.AsNoTracking()
                          join fund in db.Funds on report.FundId equals fund.Id
                          orderby report.PeriodStart descending, report.PeriodKind, fund.Name
                          select new { report, fund.Code, fund.Name, fund.Slug })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ReportRow(r.report, r.Code, r.Name, r.Slug, ReportFigures.FromJson(r.report.FiguresJson))).ToList();
    }
}

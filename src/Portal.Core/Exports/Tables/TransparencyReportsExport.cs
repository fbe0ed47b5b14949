using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Transparency;

namespace Portal.Core.Exports.Tables;

/// <summary>Every fund's transparency reports with their figures, newest period first (/communications/reports?handler=Csv).</summary>
public sealed class TransparencyReportsExport(PortalDbContext db)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "fund_code", "fund_name", "period", "status", "currency", "opening", "gifts", "returned", "refunds", "disputes", "fees", "spent", "closing",
        "sponsors", "donors", "built_at_utc", "published_at_utc", "published_by",
    ];

    public ExportTable Table() => new("transparency-reports", Columns, RowsAsync());

    private async IAsyncEnumerable<Cell[]> RowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reports = from report in db.TransparencyReports.AsNoTracking()
                      join fund in db.Funds on report.FundId equals fund.Id
                      orderby report.PeriodStart descending, report.PeriodKind, fund.Name
                      select new { report, fund.Code, fund.Name };
        var row = new Cell[Columns.Count];
        await foreach (var item in reports.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var r = item.report;
            var f = ReportFigures.FromJson(r.FiguresJson);
            row[0] = Cell.Of(item.Code);
            row[1] = Cell.Of(item.Name);
            row[2] = Cell.Of(r.PeriodKey);
            row[3] = Cell.Of(r.Status.ToString());
            row[4] = Cell.Of(f.Currency);
            row[5] = Cell.Of(f.Amount(f.Opening));
            row[6] = Cell.Of(f.Amount(f.Gifts));
            row[7] = Cell.Of(f.Amount(f.Returned));
            row[8] = Cell.Of(f.Amount(f.Refunds));
            row[9] = Cell.Of(f.Amount(f.Disputes));
            row[10] = Cell.Of(f.Amount(f.Fees));
            row[11] = Cell.Of(f.Amount(f.Spent));
            row[12] = Cell.Of(f.Amount(f.Closing));
            row[13] = Cell.Of(f.Sponsors);
            row[14] = Cell.Of(f.Donors);
            row[15] = Cell.Of(r.BuiltAt);
            row[16] = Cell.Of(r.PublishedAt);
            row[17] = Cell.Of(r.PublishedBy);
            yield return row;
        }
    }
}

using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Exports.Tables;

/// <summary>Every charge run, newest first, with its counters (/finance/runs?handler=Csv).</summary>
public sealed class ChargeRunsExport(PortalDbContext db)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "run", "started_at_utc", "finished_at_utc", "status", "started_by", "day", "due", "succeeded", "processing", "failed", "action_required",
        "unresolved", "error",
    ];

    public ExportTable Table() => new("charge-runs", Columns, RowsAsync());

    private async IAsyncEnumerable<Cell[]> RowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var row = new Cell[Columns.Count];
        await foreach (var run in db.ChargeRuns.AsNoTracking().OrderByDescending(r => r.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            row[0] = Cell.Of(run.Id);
            row[1] = Cell.Of(run.StartedAt);
            row[2] = Cell.Of(run.FinishedAt);
            row[3] = Cell.Of(run.Status.ToString());
            row[4] = Cell.Of(run.StartedBy);
            row[5] = Cell.Of(run.Today);
            row[6] = Cell.Of(run.Due);
            row[7] = Cell.Of(run.Succeeded);
            row[8] = Cell.Of(run.Processing);
            row[9] = Cell.Of(run.Failed);
            row[10] = Cell.Of(run.ActionRequired);
            row[11] = Cell.Of(run.Unresolved);
            row[12] = Cell.Of(run.Error);
            yield return row;
        }
    }
}

using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;

namespace Portal.Core.Exports.Tables;

/// <summary>Every impact update, newest first, with how its send went (/communications/updates?handler=Csv).</summary>
public sealed class UpdatesExport(PortalDbContext db)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "title", "status", "topic", "audience", "fund", "language", "created_by", "scheduled_for_utc", "recipients", "sent", "failed",
        "finished_at_utc",
    ];

    public ExportTable Table() => new("updates", Columns, RowsAsync());

    private async IAsyncEnumerable<Cell[]> RowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var funds = await db.Funds.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, cancellationToken);
        var updates = from u in db.ImpactUpdates.AsNoTracking()
                      orderby u.CreatedAt descending
                      select new
                      {
                          Update = u,
                          Sent = db.UpdateDeliveries.Count(d => d.UpdateId == u.Id && d.Status == DeliveryStatus.Sent),
                          Failed = db.UpdateDeliveries.Count(d => d.UpdateId == u.Id && d.Status == DeliveryStatus.Failed),
                      };
        var row = new Cell[Columns.Count];
        await foreach (var item in updates.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var u = item.Update;
            row[0] = Cell.Of(u.Title);
            row[1] = Cell.Of(u.Status.ToString());
            row[2] = Cell.Of(u.Topic.ToString());
            row[3] = Cell.Of(u.AudienceKind.ToString());
            row[4] = Cell.Of(u.FundId is { } fund ? funds.GetValueOrDefault(fund) : null);
            row[5] = Cell.Of(u.Language);
            row[6] = Cell.Of(u.CreatedBy);
            row[7] = Cell.Of(u.ScheduledFor);
            row[8] = Cell.Of(u.RecipientCount);
            row[9] = Cell.Of(item.Sent);
            row[10] = Cell.Of(item.Failed);
            row[11] = Cell.Of(u.FinishedAt);
            yield return row;
        }
    }
}

using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;

namespace Portal.Core.Exports.Tables;

/// <summary>Every delivery of one update (a send can have 100,000): for checking who got it and why not.</summary>
public sealed class UpdateDeliveriesExport(PortalDbContext db)
{
    public static readonly IReadOnlyList<string> Columns = ["email", "name", "language", "status", "attempts", "sent_at_utc", "problem"];

    public ExportTable Table(ImpactUpdate update) => new($"update-{update.Id:N}-deliveries", Columns, RowsAsync(update.Id));

    private async IAsyncEnumerable<Cell[]> RowsAsync(Guid updateId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var deliveries = db.UpdateDeliveries.AsNoTracking().Where(d => d.UpdateId == updateId).OrderBy(d => d.Id)
            .Select(d => new { d.ToAddress, d.ToName, d.Language, d.Status, d.Attempts, d.SentAt, d.LastError });
        var row = new Cell[Columns.Count];
        await foreach (var d in deliveries.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            row[0] = Cell.Of(d.ToAddress);
            row[1] = Cell.Of(d.ToName);
            row[2] = Cell.Of(d.Language);
            row[3] = Cell.Of(d.Status.ToString());
            row[4] = Cell.Of(d.Attempts);
            row[5] = Cell.Of(d.SentAt);
            row[6] = Cell.Of(d.LastError);
            yield return row;
        }
    }
}

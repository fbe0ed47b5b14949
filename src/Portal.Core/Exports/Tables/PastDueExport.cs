using System.Runtime.CompilerServices;
using Portal.Core.Data;
using Portal.Core.Sponsorships;

namespace Portal.Core.Exports.Tables;

/// <summary>The past-due queue (<see cref="PastDueQueue"/>) as a table: a few hundred rows at most, read whole.</summary>
public sealed class PastDueExport(PortalDbContext db)
{
    public static readonly IReadOnlyList<string> Columns =
        ["donor", "email", "fund", "amount", "currency", "past_due_since", "decline_code", "message", "attempts"];

    public ExportTable Table() => new("past-due", Columns, RowsAsync());

    private async IAsyncEnumerable<Cell[]> RowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var row = new Cell[Columns.Count];
        foreach (var item in await PastDueQueue.ReadAsync(db, cancellationToken))
        {
            var s = item.Sponsorship;
            row[0] = Cell.Of(item.DonorName);
            row[1] = Cell.Of(item.DonorEmail);
            row[2] = Cell.Of(item.FundName);
            row[3] = Cell.Of(s.ChargeAmount);
            row[4] = Cell.Of(s.Currency);
            row[5] = Cell.Of(s.PastDueSince);
            row[6] = Cell.Of(item.Charge?.DeclineCode);
            row[7] = Cell.Of(item.Charge?.FailureMessage);
            row[8] = Cell.Of(item.Attempts.Count);
            yield return row;
        }
    }
}

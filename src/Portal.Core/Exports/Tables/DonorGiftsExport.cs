using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Sponsorships;

namespace Portal.Core.Exports.Tables;

/// <summary>A donor's own gifts, newest first, for their records or a tax return (/account?handler=Csv).</summary>
public sealed class DonorGiftsExport(PortalDbContext db)
{
    public static readonly IReadOnlyList<string> Columns = ["date", "fund", "amount", "currency", "status", "receipt"];

    public ExportTable Table(Guid donorId) => new("my-gifts", Columns, RowsAsync(donorId));

    private async IAsyncEnumerable<Cell[]> RowsAsync(Guid donorId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var gifts = from charge in db.Charges.AsNoTracking()
                    join s in db.Sponsorships on charge.SponsorshipId equals s.Id
                    where s.DonorId == donorId
                    join fund in db.Funds on s.FundId equals fund.Id
                    orderby charge.CreatedAt descending
                    select new { charge, fund.Name };
        var row = new Cell[Columns.Count];
        await foreach (var gift in gifts.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var c = gift.charge;
            row[0] = Cell.Of(DateOnly.FromDateTime(c.SucceededAt ?? c.CreatedAt));
            row[1] = Cell.Of(gift.Name);
            row[2] = Cell.Of(c.Amount);
            row[3] = Cell.Of(c.Currency);
            row[4] = Cell.Of(StatusWords.Of(c.Status));
            row[5] = Cell.Of(c.ReceiptNumber);
            yield return row;
        }
    }
}

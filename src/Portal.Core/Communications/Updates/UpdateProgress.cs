using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Communications.Updates;

/// <summary>An update's deliveries by state: the live progress bar while it sends, the report afterwards.</summary>
public sealed record UpdateProgress(int Recipients, int Queued, int Sending, int Sent, int Failed, int Uncertain, int Skipped)
{
    public int Done => Sent + Failed + Uncertain + Skipped;

    public int Percent => Recipients == 0 ? 100 : (int)(100L * Done / Recipients);

    public static async Task<UpdateProgress> ReadAsync(PortalDbContext db, Guid updateId, CancellationToken cancellationToken)
    {
        var counts = await db.UpdateDeliveries.Where(d => d.UpdateId == updateId).GroupBy(d => d.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        int Of(DeliveryStatus status) => counts.GetValueOrDefault(status);
        return new UpdateProgress(counts.Values.Sum(), Of(DeliveryStatus.Queued), Of(DeliveryStatus.Sending), Of(DeliveryStatus.Sent),
            Of(DeliveryStatus.Failed), Of(DeliveryStatus.Uncertain), Of(DeliveryStatus.Skipped));
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Communications.Updates;

/// <summary>An update's deliveries by state: the live progress bar while it sends, the report afterwards.</summary>
public sealed record UpdateProgress(int Recipients, int Queued, int Sending, int Sent, int Failed, int Uncertain, int Skipped)
{
    public int Done => Sent + Failed + Uncertain + Skipped;

    /// <summary>
    /// Where the send stands: queued until the sender picks it up, preparing until its audience is counted (written out
    /// as deliveries), then running until every delivery has an outcome. Null for a draft, a called-off or a later send.
    /// </summary>
    public static ProgressState? State(ImpactUpdate update, DateTime utcNow) => update.Status switch
    {
        UpdateStatus.Scheduled when update.ScheduledFor <= utcNow => ProgressState.Queued,
        UpdateStatus.Sending when update.ExpandedAt is null => ProgressState.Preparing,
        UpdateStatus.Sending => ProgressState.Running,
        UpdateStatus.Sent => ProgressState.Done,
        _ => null,
    };

    /// <summary>How the send's state reads on the page.</summary>
    public static string StateText(ProgressState? state) => state switch
    {
        ProgressState.Queued => "Queued",
        ProgressState.Preparing => "Preparing…",
        ProgressState.Running => "Sending",
        ProgressState.Done => "Report",
        _ => "Not sending",
    };

    public static async Task<UpdateProgress> ReadAsync(PortalDbContext db, Guid updateId, CancellationToken cancellationToken)
    {
        var counts = await db.UpdateDeliveries.Where(d => d.UpdateId == updateId).GroupBy(d => d.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        int Of(DeliveryStatus status) => counts.GetValueOrDefault(status);
        return new UpdateProgress(counts.Values.Sum(), Of(DeliveryStatus.Queued), Of(DeliveryStatus.Sending), Of(DeliveryStatus.Sent),
            Of(DeliveryStatus.Failed), Of(DeliveryStatus.Uncertain), Of(DeliveryStatus.Skipped));
    }
}

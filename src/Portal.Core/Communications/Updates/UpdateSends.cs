using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Communications.Updates;

/// <summary>
/// What the send job does each time it runs: starts scheduled updates whose time has come, expands each sending
/// update's audience once, sends what is queued, and marks an update sent when nothing is left to try. Every step
/// reads its state from the database, so a run after a crash carries on where the last one stopped.
/// </summary>
public sealed class UpdateSends(
    IDbContextFactory<PortalDbContext> contexts,
    ExpandAudience expand,
    SendImpactUpdate send,
    CharityCalendar calendar,
    ILogger<UpdateSends> logger) : IDisposable
{
    /// <summary>
    /// One run at a time in this process: the job fires every minute and a long send outlasts it, and a second run
    /// would open a second set of connections beyond what the relay allows. Runs on other nodes are safe (claims), and
    /// each keeps to its own <see cref="UpdateSendOptions.Connections"/>.
    /// </summary>
    private readonly SemaphoreSlim running = new(1, 1);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!await running.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            return 0;
        }

        try
        {
            return await RunOnceAsync(cancellationToken);
        }
        finally
        {
            running.Release();
        }
    }

    public void Dispose() => running.Dispose();

    private async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await StartScheduledAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sending = await db.ImpactUpdates.Where(u => u.Status == UpdateStatus.Sending).OrderBy(u => u.ScheduledFor).Select(u => u.Id)
            .ToListAsync(cancellationToken);
        var handed = 0;
        foreach (var id in sending)
        {
            handed += await SendAsync(id, cancellationToken);
        }

        return handed;
    }

    /// <summary>One update: expand (once), send what is queued, finish when nothing is queued or in hand.</summary>
    public async Task<int> SendAsync(Guid updateId, CancellationToken cancellationToken)
    {
        var expanded = await expand.RunAsync(updateId, cancellationToken);
        if (expanded is { } count)
        {
            CommunicationsLog.UpdateRecipients(logger, updateId, count);
        }

        var handed = await send.SendQueuedAsync(updateId, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.UpdateDeliveries
            .AnyAsync(d => d.UpdateId == updateId && (d.Status == DeliveryStatus.Queued || d.Status == DeliveryStatus.Sending), cancellationToken);
        if (!open)
        {
            var now = calendar.UtcNow;
            await db.ImpactUpdates.Where(u => u.Id == updateId && u.Status == UpdateStatus.Sending && u.ExpandedAt != null)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.Status, UpdateStatus.Sent).SetProperty(u => u.FinishedAt, now)
                    .SetProperty(u => u.Version, u => u.Version + 1), cancellationToken);
        }

        return handed;
    }

    private async Task StartScheduledAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = calendar.UtcNow;
        await db.ImpactUpdates.Where(u => u.Status == UpdateStatus.Scheduled && u.ScheduledFor <= now)
            .ExecuteUpdateAsync(
                set => set.SetProperty(u => u.Status, UpdateStatus.Sending).SetProperty(u => u.Version, u => u.Version + 1),
                cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Payments.Events;

namespace Portal.Core.Payments.Peaks;

/// <summary>
/// Whether the inbox is too deep to take more deliveries: the stored events not applied yet, counted at most once per
/// <see cref="PeakOptions.DepthReadEvery"/> per node and only up to the limit (a bounded read of the pending index,
/// never a count of the history). One per process (a singleton).
/// </summary>
public sealed class InboxDepth(IServiceScopeFactory scopes, IOptions<PeakOptions> options, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim reading = new(1, 1);
    private volatile Reading? last;

    public async Task<bool> IsFullAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (Fresh(settings) is { } known)
        {
            return known;
        }

        // One reader at a time; the others wait for its answer rather than count too.
        await reading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(settings) is { } read)
            {
                return read;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var waiting = await db.GatewayEvents.Where(e => e.Status == GatewayEventStatus.Pending).OrderBy(e => e.Id)
                .Take(settings.MaxUnappliedEvents).CountAsync(cancellationToken);
            var full = waiting >= settings.MaxUnappliedEvents;
            last = new Reading(clock.GetUtcNow(), full);
            return full;
        }
        finally
        {
            reading.Release();
        }
    }

    public void Dispose() => reading.Dispose();

    private bool? Fresh(PeakOptions settings) =>
        last is { } known && clock.GetUtcNow() - known.At < settings.DepthReadEvery ? known.Full : null;

    private sealed record Reading(DateTimeOffset At, bool Full);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Payments.Events;

/// <summary>
/// Works through the inbox. Each event gets its own scope and transaction; a write conflict with a concurrent worker
/// is retried on fresh data; any other failure is recorded on the event, which is tried again later and marked
/// failed after <see cref="MaxAttempts"/> tries. One bad event never stops the others.
/// </summary>
public sealed class ApplyGatewayEvents(IServiceScopeFactory scopes, IBackgroundWork work, TimeProvider clock, ILogger<ApplyGatewayEvents> logger)
{
    public const int MaxAttempts = 10;
    private const int ConflictRetries = 5;

    public async Task<ApplyResult> ApplyAsync(long inboxId, CancellationToken cancellationToken)
    {
        for (var conflicts = 0; ; conflicts++)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                var result = await scope.ServiceProvider.GetRequiredService<ApplyGatewayEvent>().ApplyAsync(inboxId, cancellationToken);
                if (result.ReceiptQueued)
                {
                    work.SendQueuedEmails();
                }

                return result;
            }
            catch (DbUpdateException) when (conflicts < ConflictRetries)
            {
                // Another worker changed the same charge or event first; the next round reads what it wrote. The short
                // pause is real time, not the business clock: it only spreads two workers apart.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 30) * (conflicts + 1)), cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                await RecordFailureAsync(inboxId, error, cancellationToken);
                return new ApplyResult(null, false);
            }
        }
    }

    /// <summary>Applies every pending event that is due, oldest first. Returns how many were looked at.</summary>
    public async Task<int> ApplyDueAsync(CancellationToken cancellationToken)
    {
        var done = 0;
        while (true)
        {
            List<long> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var now = clock.GetUtcNow().UtcDateTime;
                due = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().GatewayEvents
                    .Where(e => e.Status == GatewayEventStatus.Pending && e.NextAttemptAt <= now)
                    .OrderBy(e => e.Id).Select(e => e.Id).Take(200).ToListAsync(cancellationToken);
            }

            foreach (var id in due)
            {
                await ApplyAsync(id, cancellationToken);
            }

            done += due.Count;
            if (due.Count < 200)
            {
                return done;
            }
        }
    }

    private async Task RecordFailureAsync(long inboxId, Exception error, CancellationToken cancellationToken)
    {
        PaymentLog.EventFailed(logger, error, inboxId);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var row = await db.GatewayEvents.SingleOrDefaultAsync(e => e.Id == inboxId, cancellationToken);
        if (row is null)
        {
            return;
        }

        row.Attempts++;
        row.Note = Truncate($"{error.GetType().Name}: {error.Message}", 1000);
        row.NextAttemptAt = clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(Math.Min(60, 1 << Math.Min(row.Attempts, 6)));
        row.Status = row.Attempts >= MaxAttempts ? GatewayEventStatus.Failed : GatewayEventStatus.Pending;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

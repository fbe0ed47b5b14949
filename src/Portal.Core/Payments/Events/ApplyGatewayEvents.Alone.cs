using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Payments.Events;

/// <summary>One claimed event applied in a transaction of its own: retried on a write conflict, its failure recorded.</summary>
public sealed partial class ApplyGatewayEvents
{
    /// <summary>Applies a claimed event; the caller asks for the receipts it queued to be sent.</summary>
    private async Task<Applied> ApplyClaimedAsync(long inboxId, CancellationToken cancellationToken)
    {
        for (var conflicts = 0; ; conflicts++)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                var result = await scope.ServiceProvider.GetRequiredService<ApplyGatewayEvent>().ApplyAsync(inboxId, cancellationToken);
                return new Applied(result, result.ReceiptQueued ? 1 : 0);
            }
            catch (Exception error) when (conflicts < ConflictRetries && WriteConflicts.LostTo(error))
            {
                // Another worker changed the same charge first, or the server made this the victim of a deadlock with
                // it; the next round reads what it wrote. The short pause is real time, not the business clock: it only
                // spreads two workers apart.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 30) * (conflicts + 1)), cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                await RecordFailureAsync(inboxId, error, cancellationToken);
                return new Applied(new ApplyResult(null, false), 0);
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
        row.LeaseOwner = null;
        row.LeaseExpiresAt = null;
        await db.SaveChangesAsync(cancellationToken);
    }
}

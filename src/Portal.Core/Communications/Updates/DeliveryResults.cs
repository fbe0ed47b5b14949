using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Communications.Updates;

/// <summary>What the relay said about one delivery.</summary>
public sealed record DeliveryOutcome(Guid DeliveryId, int Attempts, MailSendResult Result);

/// <summary>
/// Writes outcomes in batches: one statement for all the sent ones, and one per failed or retried delivery. Only
/// deliveries still claimed are changed, so a late write after a claim expired cannot undo another sender's work.
/// </summary>
public sealed class DeliveryResults(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock, PortalTelemetry telemetry)
{
    public async Task RecordAsync(IReadOnlyList<DeliveryOutcome> outcomes, UpdateSendOptions options, CancellationToken cancellationToken)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var group in outcomes.Where(o => o.Result is MailSendResult.SentResult).GroupBy(o => o.Attempts))
        {
            var ids = group.Select(o => o.DeliveryId).ToList();
            await Claimed(db, ids).ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatus.Sent)
                .SetProperty(d => d.SentAt, now).SetProperty(d => d.Attempts, group.Key).SetProperty(d => d.ClaimedUntil, (DateTime?)null)
                .SetProperty(d => d.LastError, (string?)null), cancellationToken);
        }

        var counted = new List<string>(outcomes.Count);
        counted.AddRange(outcomes.Where(o => o.Result is MailSendResult.SentResult).Select(_ => SendOutcome.Sent));
        foreach (var outcome in outcomes.Where(o => o.Result is not MailSendResult.SentResult))
        {
            var (status, error, next) = outcome.Result switch
            {
                MailSendResult.Permanent p => (DeliveryStatus.Failed, p.Reason, now),
                MailSendResult.Unknown u => (DeliveryStatus.Uncertain, $"Connection lost during the hand-over, not sent again: {u.Reason}", now),
                MailSendResult.Transient t when outcome.Attempts >= options
                    .MaxAttempts => (DeliveryStatus.Failed, $"Gave up after {outcome.Attempts} tries: {t.Reason}", now),
                MailSendResult.Transient t => (DeliveryStatus.Queued, t.Reason, now.AddSeconds(
                    options.RetryAfterSeconds * Math.Pow(2, outcome.Attempts - 1))),
                _ => throw new InvalidOperationException($"Unexpected result {outcome.Result}."),
            };
            counted.Add(status switch
            {
                DeliveryStatus.Failed => SendOutcome.Failed,
                DeliveryStatus.Uncertain => SendOutcome.Uncertain,
                _ => SendOutcome.Deferred,
            });
            var reason = error.Length > 1000 ? error[..1000] : error;
            await Claimed(db, [outcome.DeliveryId]).ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, status)
                .SetProperty(d => d.Attempts, outcome.Attempts).SetProperty(d => d.LastError, reason)
                .SetProperty(d => d.NextAttemptAt, next).SetProperty(d => d.ClaimedUntil, (DateTime?)null), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var group in counted.GroupBy(outcome => outcome))
        {
            telemetry.Sends(group.Key, SendKind.Update, group.Count());
        }
    }

    private static IQueryable<UpdateDelivery> Claimed(PortalDbContext db, List<Guid> ids) =>
        db.UpdateDeliveries.Where(d => ids.Contains(d.Id) && d.Status == DeliveryStatus.Sending);
}

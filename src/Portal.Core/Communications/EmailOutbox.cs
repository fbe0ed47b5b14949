using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Communications;

/// <summary>Adds a message to the caller's unit of work; the key makes a second queueing of the same message a no-op.</summary>
public sealed class EmailOutbox(PortalDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Queues a message rendered when it is sent (see <see cref="OutboundEmail.Template"/>). For callers that queue many
    /// in one unit of work and already know none of them was queued before (the key is unique in the database too).
    /// </summary>
    public void QueueDeferred(
        string idempotencyKey,
        EmailCategory category,
        Guid? donorId,
        string toAddress,
        string toName,
        string template,
        Guid reference)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.OutboundEmails.Add(new OutboundEmail
        {
            IdempotencyKey = idempotencyKey,
            Category = category,
            DonorId = donorId,
            ToAddress = toAddress,
            ToName = toName,
            Subject = "",
            HtmlBody = "",
            TextBody = "",
            Template = template,
            TemplateRef = reference,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    public async Task<bool> QueueAsync(
        string idempotencyKey,
        EmailCategory category,
        Guid? donorId,
        string toAddress,
        string toName,
        RenderedEmail email,
        CancellationToken cancellationToken)
    {
        var queued = db.OutboundEmails.Local.Any(m => m.IdempotencyKey == idempotencyKey)
            || await db.OutboundEmails.AnyAsync(m => m.IdempotencyKey == idempotencyKey, cancellationToken);
        if (queued)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.OutboundEmails.Add(new OutboundEmail
        {
            IdempotencyKey = idempotencyKey,
            Category = category,
            DonorId = donorId,
            ToAddress = toAddress,
            ToName = toName,
            Subject = email.Subject,
            HtmlBody = email.Html,
            TextBody = email.Text,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        return true;
    }
}

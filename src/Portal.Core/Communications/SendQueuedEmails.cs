using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Communications;

/// <summary>
/// Sends what the outbox holds. Each message is claimed with a conditional update before it is sent, so two senders
/// never both send it; a sender that dies holding a claim lets it go after <see cref="ClaimTime"/>. A message carries
/// a Message-ID made from its outbox id, so the rare resend after such a crash is recognisable as the same message.
/// </summary>
public sealed class SendQueuedEmails(
    IDbContextFactory<PortalDbContext> contexts,
    IMailTransport transport,
    DeferredEmails deferred,
    TimeProvider clock,
    IOptions<EmailOptions> options,
    PortalTelemetry telemetry,
    ILogger<SendQueuedEmails> logger)
{
    public static readonly TimeSpan ClaimTime = TimeSpan.FromMinutes(5);
    public const int MaxAttempts = 8;
    private const int BatchSize = 100;

    /// <returns>How many messages were sent.</returns>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (true)
        {
            var due = await DueAsync(cancellationToken);
            foreach (var id in due)
            {
                sent += await SendOneAsync(id, cancellationToken) ? 1 : 0;
            }

            if (due.Count < BatchSize)
            {
                return sent;
            }
        }
    }

    private async Task<List<Guid>> DueAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.OutboundEmails
            .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
    }

    private async Task<bool> SendOneAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.OutboundEmails
            .Where(m => m.Id == id && m.SentAt == null && m.FailedAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedUntil, now + ClaimTime), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var message = await db.OutboundEmails.SingleAsync(m => m.Id == id, cancellationToken);
        IReadOnlyList<EmailAttachment> attachments = [];
        if (message is { Template: { } kept, TemplateRef: { } keptReference } && message.HtmlBody.Length > 0)
        {
            attachments = await deferred.AttachmentsAsync(kept, keptReference, cancellationToken);
        }
        else if (message is { Template: { } template, TemplateRef: { } reference })
        {
            var rendered = await deferred.RenderAsync(template, reference, cancellationToken);
            if (rendered is null)
            {
                message.FailedAt = now;
                message.ClaimedUntil = null;
                message.LastError = $"Nothing to render: {template} {reference} does not exist.";
                await db.SaveChangesAsync(cancellationToken);
                return false;
            }

            // Kept, so the message is the same on a resend and the outbox shows what was sent.
            message.Subject = rendered.Subject;
            message.HtmlBody = rendered.Html;
            message.TextBody = rendered.Text;
            attachments = rendered.Attachments;
        }

        var result = await transport.SendAsync(MimeMessages.From(message, options.Value, attachments), cancellationToken);
        message.Attempts++;
        message.ClaimedUntil = null;
        switch (result)
        {
            case MailSendResult.SentResult:
                message.SentAt = clock.GetUtcNow().UtcDateTime;
                message.LastError = null;
                break;
            case MailSendResult.Permanent permanent:
                message.FailedAt = clock.GetUtcNow().UtcDateTime;
                message.LastError = Truncate(permanent.Reason);
                CommunicationsLog.RefusedForGood(logger, id, message.ToAddress, permanent.Reason);
                break;
            case MailSendResult.Transient transient:
                message.LastError = Truncate(transient.Reason);
                message.NextAttemptAt = now + TimeSpan.FromMinutes(Math.Pow(2, message.Attempts));
                message.FailedAt = message.Attempts >= MaxAttempts ? now : null;
                CommunicationsLog.NotSent(logger, id, message.Attempts, transient.Reason);
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        telemetry.Sends(
            result switch
            {
                MailSendResult.SentResult => SendOutcome.Sent,
                _ when message.FailedAt is not null => SendOutcome.Failed,
                _ => SendOutcome.Deferred,
            },
            SendKind.Outbox);
        return result is MailSendResult.SentResult;
    }

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000];
}

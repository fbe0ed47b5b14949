using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Communications.Consent;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Communications.Updates;

/// <summary>
/// What Communications staff do with an update: schedule it, send it now, call a scheduled send off, send a test to
/// themselves. Each change is version-checked (two staff on one update cannot both send it) and audited.
/// </summary>
public sealed class UpdateDesk(
    PortalDbContext db,
    AuditLog audit,
    CharityCalendar calendar,
    IMailTransport transport,
    UpdateStencils stencils,
    UnsubscribeLinks links,
    IOptions<EmailOptions> email)
{
    /// <returns>An error to show, or null when it is scheduled.</returns>
    public async Task<string?> ScheduleAsync(
        Guid updateId,
        int version,
        DateTime at,
        int confirmedRecipients,
        string actorId,
        string actorName,
        CancellationToken cancellationToken)
    {
        var update = await db.ImpactUpdates.SingleOrDefaultAsync(u => u.Id == updateId, cancellationToken);
        if (update is null || update.Version != version)
        {
            return "Someone else changed this update; look at it again before sending.";
        }

        if (update.Status != UpdateStatus.Draft)
        {
            return $"This update is {update.Status.ToString().ToLowerInvariant()}; only a draft can be sent.";
        }

        if (update.AudienceKind == UpdateAudienceKind.FundSponsors && update.FundId is null)
        {
            return "Choose the fund whose sponsors should receive this update.";
        }

        var count = await UpdateAudience.CountAsync(db, update, calendar.UtcNow, cancellationToken);
        if (update.AudienceKind == UpdateAudienceKind.AllDonors && confirmedRecipients != count)
        {
            // Sending to everyone is never one careless click: the sender types how many it reaches.
            return $"This goes to all {count} donors who agreed to {update.Topic}. Type {count} to confirm.";
        }

        update.Status = UpdateStatus.Scheduled;
        update.ScheduledFor = at < calendar.UtcNow ? calendar.UtcNow : at;
        update.SentBy = actorName;
        update.UpdatedAt = calendar.UtcNow;
        audit.Record(
            actorId,
            actorName,
            "update.scheduled",
            $"update:{update.Id}",
            $"{update.Title}: {count} recipients now, at {update.ScheduledFor:u}");
        return await SaveAsync("Someone else changed this update at the same moment; look at it again before sending.", cancellationToken);
    }

    public async Task<string?> CancelAsync(Guid updateId, int version, string actorId, string actorName, CancellationToken cancellationToken)
    {
        var update = await db.ImpactUpdates.SingleOrDefaultAsync(u => u.Id == updateId, cancellationToken);
        if (update is null || update.Version != version || update.Status != UpdateStatus.Scheduled)
        {
            return "Only a scheduled update that has not started can be called off; it may have started sending.";
        }

        update.Status = UpdateStatus.Draft;
        update.ScheduledFor = null;
        update.UpdatedAt = calendar.UtcNow;
        audit.Record(actorId, actorName, "update.unscheduled", $"update:{update.Id}", update.Title);
        return await SaveAsync("It started sending at that moment and can no longer be called off.", cancellationToken);
    }

    /// <summary>Saves under the update's version check: of two changes at once (or a change and the send job), one wins.</summary>
    private async Task<string?> SaveAsync(string conflict, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return conflict;
        }
    }

    /// <summary>
    /// Staff decide to send again the deliveries a crash left in doubt, knowing some of those donors may then get it
    /// twice: they are queued again and the send carries on. Nothing else is resent.
    /// </summary>
    /// <returns>How many were queued again.</returns>
    public async Task<int> ResendUncertainAsync(Guid updateId, string actorId, string actorName, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var queued = await db.UpdateDeliveries.Where(d => d.UpdateId == updateId && d.Status == DeliveryStatus.Uncertain)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatus.Queued).SetProperty(d => d.NextAttemptAt, calendar.UtcNow)
                .SetProperty(d => d.LastError, "Sent again at staff request after a send stopped."), cancellationToken);
        if (queued > 0)
        {
            await db.ImpactUpdates.Where(u => u.Id == updateId && (u.Status == UpdateStatus.Sent || u.Status == UpdateStatus.Sending))
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.Status, UpdateStatus.Sending).SetProperty(u => u.FinishedAt, (DateTime?)null)
                    .SetProperty(u => u.Version, u => u.Version + 1), cancellationToken);
            audit.Record(actorId, actorName, "update.uncertain-resent", $"update:{updateId}", $"{queued} deliveries in doubt queued again");
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return queued;
    }

    /// <summary>The update as a donor of its fund would get it, sent at once to the author (subject marked as a test).</summary>
    public async Task<MailSendResult> SendTestAsync(
        ImpactUpdate update,
        string toAddress,
        string toName,
        string? language,
        CancellationToken cancellationToken)
    {
        links.EnsureKeys();
        var stencil = await stencils.RenderAsync(update, language, update.FundId, cancellationToken);
        var text = UpdateEmailText.For(language);
        var token = links.Token(Guid.Empty, update.Topic);
        var sample = UpdateStencils.GivenLine(text, 12_000, "EUR", null);
        var (html, plain) = stencil.For(toName, sample, links.UnsubscribeUrl(token), links.PreferencesUrl(token));
        var message = UpdateLetters.BulkMessage(
            email.Value,
            Guid.CreateVersion7(),
            toName,
            toAddress,
            $"[Test] {stencil.Subject}",
            html,
            plain,
            links.UnsubscribeUrl(token),
            update.Topic);
        return await transport.SendAsync(message, cancellationToken);
    }
}

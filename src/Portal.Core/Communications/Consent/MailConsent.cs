using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Hosting;

namespace Portal.Core.Communications.Consent;

/// <summary>
/// Who may receive bulk mail, and the changes donors make to that. A withdrawal takes effect at once: deliveries
/// already queued for the donor (or the address) are skipped, so an update half-way through its send stops for them too.
/// </summary>
public sealed class MailConsent(PortalDbContext db, AuditLog audit, TimeProvider clock, PortalTelemetry telemetry)
{
    public static readonly MailTopics AllTopics = MailTopics.ImpactUpdates | MailTopics.TransparencyReports | MailTopics.Appeals;

    /// <summary>The donors a bulk message on <paramref name="topic"/> may go to: consented, not opted out, not suppressed.</summary>
    public static IQueryable<Donor> Reachable(PortalDbContext db, MailTopics topic) =>
        db.Donors.Where(d => (d.MailConsents & topic) == topic && !db.EmailSuppressions.Any(s => s.NormalizedEmail == d.NormalizedEmail));

    /// <summary>One click in a message (or its List-Unsubscribe header): no more mail on that topic.</summary>
    public async Task<bool> UnsubscribeAsync(Guid donorId, MailTopics topic, string source, CancellationToken cancellationToken)
    {
        var donor = await db.Donors.SingleOrDefaultAsync(d => d.Id == donorId, cancellationToken);
        if (donor is null)
        {
            return false;
        }

        return await ChangeAsync(donor, topic, MailTopics.None, ConsentWordings.Unsubscribe, source, cancellationToken);
    }

    /// <summary>
    /// The preferences page: the topics the donor wants, each given or withdrawn with the page's own wording in the
    /// language the page was read in.
    /// </summary>
    public async Task<bool> SetWantedAsync(Guid donorId, MailTopics wanted, string source, string? language, CancellationToken cancellationToken)
    {
        var donor = await db.Donors.SingleOrDefaultAsync(d => d.Id == donorId, cancellationToken);
        if (donor is null)
        {
            return false;
        }

        return await ChangeAsync(
            donor, AllTopics, wanted & AllTopics, topic => ConsentWordings.PreferencesText(topic, language), source, cancellationToken);
    }

    /// <summary>The topics a donor receives now.</summary>
    public static MailTopics Wanted(Donor donor) => donor.MailConsents & AllTopics;

    /// <summary>
    /// Every change of the donor's consent, oldest first, with its wording, time and source: for the preferences page
    /// and the donor's data export.
    /// </summary>
    public Task<List<ConsentRecord>> HistoryAsync(Guid donorId, CancellationToken cancellationToken) =>
        db.ConsentRecords.AsNoTracking().Where(r => r.DonorId == donorId).OrderBy(r => r.At).ThenBy(r => r.Id).ToListAsync(cancellationToken);

    private async Task<bool> ChangeAsync(
        Donor donor, MailTopics asked, MailTopics wanted, Func<MailTopics, (string Id, string Text)> wording, string source,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = Wanted(donor);
        var after = ConsentChanges.Apply(db, donor, asked, wanted, wording, source, clock.GetUtcNow().UtcDateTime) & AllTopics;
        if (before != after)
        {
            audit.Record(donor.Id.ToString(), donor.Email, "mail.preferences", $"donor:{donor.Id}", $"{source}: receives {after} (was {before})");
        }

        await db.SaveChangesAsync(cancellationToken);
        var skipped = await SkipQueuedAsync(db.UpdateDeliveries.Where(d => d.DonorId == donor.Id
            && db.ImpactUpdates.Any(u => u.Id == d.UpdateId && (u.Topic & ~after) != 0)), "unsubscribed", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        telemetry.Sends(SendOutcome.Skipped, SendKind.Update, skipped);
        return true;
    }

    /// <summary>
    /// Stops every bulk message to an address (a hard bounce, a complaint, a staff decision): the one place suppressions
    /// are written. Recording the same thing again refreshes its detail and changes nothing else. Deliveries still
    /// queued to the address are skipped, matched by the address itself, whoever's donor record it is on.
    /// </summary>
    public async Task SuppressAsync(string email, SuppressionReason reason, string detail, CancellationToken cancellationToken)
    {
        var normalized = Donor.Normalize(email);
        var text = detail.Length > 500 ? detail[..500] : detail;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var suppression = await db.EmailSuppressions.SingleOrDefaultAsync(s => s.NormalizedEmail == normalized, cancellationToken);
        if (suppression is null)
        {
            db.EmailSuppressions
                .Add(new EmailSuppression { NormalizedEmail = normalized, Reason = reason, Detail = text, At = clock.GetUtcNow().UtcDateTime });
        }
        else if (suppression.Reason == reason)
        {
            suppression.Detail = text;
        }

        await db.SaveChangesAsync(cancellationToken);
        // Compared as Donor.Normalize does, in SQL, where UPPER has no culture.
#pragma warning disable CA1304, CA1311, CA1862
        var skipped = await SkipQueuedAsync(
            db.UpdateDeliveries.Where(d => d.ToAddress.Trim().ToUpper() == normalized), SkippedBecause(reason), cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        await transaction.CommitAsync(cancellationToken);
        telemetry.Sends(SendOutcome.Skipped, SendKind.Update, skipped);
    }

    /// <summary>What a delivery skipped for a suppression says.</summary>
    public static string SkippedBecause(SuppressionReason reason) => reason switch
    {
        SuppressionReason.HardBounce => "suppressed: hard bounce",
        SuppressionReason.Complaint => "suppressed: complaint",
        _ => "suppressed by staff",
    };

    private static Task<int> SkipQueuedAsync(IQueryable<UpdateDelivery> deliveries, string why, CancellationToken cancellationToken) =>
        deliveries.Where(d => d.Status == DeliveryStatus.Queued)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatus.Skipped).SetProperty(d => d.LastError, why), cancellationToken);
}

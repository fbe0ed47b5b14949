using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Donors;

namespace Portal.Core.Communications.Bounces;

/// <summary>
/// Suppresses addresses that bounced for good: the suppression is added (or its detail refreshed), and the address's
/// update deliveries still queued are skipped. Recording the same bounce again changes nothing that matters.
/// </summary>
public sealed class SuppressHardBounces(PortalDbContext db, TimeProvider clock)
{
    public const string SkippedReason = "suppressed: hard bounce";

    /// <returns>How many hard bounces the notification reported.</returns>
    public async Task<int> RecordAsync(IReadOnlyList<BouncedRecipient> recipients, CancellationToken cancellationToken)
    {
        var hard = recipients.Where(r => r.IsHard).DistinctBy(r => Donor.Normalize(r.Address)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var bounce in hard)
        {
            var address = Donor.Normalize(bounce.Address);
            var detail = bounce.Detail.Length <= 500 ? bounce.Detail : bounce.Detail[..500];
            var suppression = await db.EmailSuppressions.SingleOrDefaultAsync(s => s.NormalizedEmail == address, cancellationToken);
            if (suppression is null)
            {
                db.EmailSuppressions.Add(new EmailSuppression { NormalizedEmail = address, Reason = SuppressionReason.HardBounce, Detail = detail, At = now });
            }
            else if (suppression.Reason == SuppressionReason.HardBounce)
            {
                suppression.Detail = detail;
            }

            await db.SaveChangesAsync(cancellationToken);
            // The delivery keeps the address as typed; it is compared as Donor.Normalize does, in SQL, where UPPER has no culture.
#pragma warning disable CA1304, CA1311, CA1862
            await db.UpdateDeliveries
                .Where(d => d.Status == DeliveryStatus.Queued && d.ToAddress.Trim().ToUpper() == address)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatus.Skipped).SetProperty(d => d.LastError, SkippedReason), cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        }

        return hard.Count;
    }
}

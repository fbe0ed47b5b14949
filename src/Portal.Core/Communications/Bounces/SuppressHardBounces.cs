using Portal.Core.Communications.Consent;
using Portal.Core.Donors;

namespace Portal.Core.Communications.Bounces;

/// <summary>
/// Suppresses addresses that bounced for good, through <see cref="MailConsent.SuppressAsync"/>: the suppression is added
/// (or its detail refreshed), and the address's update deliveries still queued are skipped. Recording the same bounce
/// again changes nothing that matters.
/// </summary>
public sealed class SuppressHardBounces(MailConsent consent)
{
    public static readonly string SkippedReason = MailConsent.SkippedBecause(SuppressionReason.HardBounce);

    /// <returns>How many hard bounces the notification reported.</returns>
    public async Task<int> RecordAsync(IReadOnlyList<BouncedRecipient> recipients, CancellationToken cancellationToken)
    {
        var hard = recipients.Where(r => r.IsHard).DistinctBy(r => Donor.Normalize(r.Address)).ToList();
        foreach (var bounce in hard)
        {
            await consent.SuppressAsync(bounce.Address, SuppressionReason.HardBounce, bounce.Detail, cancellationToken);
        }

        return hard.Count;
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Privacy;

/// <summary>
/// Replaces the personal text of the audit records that name an erased donor. Sealed records keep their place, hash
/// and personal digest, so the chain still verifies (decision 025); records not yet sealed are sealed as redacted.
/// The privacy records themselves are written without personal text and are left as they are.
/// </summary>
public static class AuditRedaction
{
    /// <returns>How many records were redacted.</returns>
    public static async Task<int> RedactAsync(PortalDbContext db, Guid donorId, string email, DateTime now, CancellationToken cancellationToken)
    {
        var id = donorId.ToString();
        var actor = $"donor:{donorId}";
        var acted = await db.AuditRecords
            .Where(r => r.RedactedAt == null && !r.Action.StartsWith("privacy.") && (r.ActorId == id || r.ActorId == actor || r.ActorName == email))
            .ExecuteUpdateAsync(
                set => set.SetProperty(r => r.ActorName, Pseudonyms.Name).SetProperty(r => r.Details, Pseudonyms.Erased)
                    .SetProperty(r => r.IpAddress, (string?)null).SetProperty(r => r.RedactedAt, now),
                cancellationToken);
        // Staff's records about the donor keep the staff member's name; only text naming the donor goes.
        var named = await db.AuditRecords
            .Where(r => r.RedactedAt == null && !r.Action.StartsWith("privacy.") && r.Details != null && r.Details.Contains(email))
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Details, Pseudonyms.Erased).SetProperty(r => r.RedactedAt, now), cancellationToken);
        return acted + named;
    }
}

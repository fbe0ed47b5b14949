using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Communications.Consent;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Donors.Care;

/// <summary>A donor who may be the same person as another: same folded name and postal code.</summary>
public sealed record DuplicateCandidate(Guid Id, string Name, string Email, string? PostalCode, string? City, DateTime CreatedAt);

/// <summary>
/// Finds likely duplicate donors and merges two into one (decision 032). A merge moves the merged donor's
/// sponsorships, and with them their gifts, receipts and place in the fund totals, to the kept donor; carries over
/// their mail consents with new consent records that say where they came from; ends their sign-ins; and points the
/// merged record at the kept one, so their address signs in to the kept donor. The ledger is not touched: its lines
/// name funds and charges, not donors. Two different gateway customers are never merged: the merged donor's stays
/// with them (their sponsorships keep charging it), and staff must say they saw that. Until confirmed, a merge can be
/// undone exactly.
/// </summary>
public sealed class DonorMerges(PortalDbContext db, AuditLog audit, CharityCalendar calendar)
{
    public const int CandidateLimit = 20;

    /// <summary>Donors with the same folded name and postal code as this one (an index lookup), not erased or merged.</summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> CandidatesAsync(Guid donorId, CancellationToken cancellationToken)
    {
        var donor = await db.Donors.AsNoTracking().SingleOrDefaultAsync(d => d.Id == donorId, cancellationToken);
        if (donor is not { SearchName: { Length: > 0 } name, PostalCodeKey: { } postal, ErasedAt: null, MergedIntoId: null })
        {
            return [];
        }

        return await db.Donors.AsNoTracking()
            .Where(d => d.SearchName == name && d.PostalCodeKey == postal && d.Id != donorId && d.ErasedAt == null && d.MergedIntoId == null)
            .OrderBy(d => d.CreatedAt).Take(CandidateLimit)
            .Select(d => new DuplicateCandidate(d.Id, d.Name, d.Email, d.PostalCode, d.City, d.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <returns>Null when merged; otherwise why not (nothing is changed).</returns>
    public async Task<string?> MergeAsync(
        Guid keptId, Guid mergedId, StaffActor actor, bool gatewayCustomersSeen, CancellationToken cancellationToken)
    {
        if (DonorCare.CheckReason(actor) is { } refused)
        {
            return refused;
        }

        if (keptId == mergedId)
        {
            return "A donor cannot be merged into themselves.";
        }

        var donors = await db.Donors.Where(d => d.Id == keptId || d.Id == mergedId).ToDictionaryAsync(d => d.Id, cancellationToken);
        if (!donors.TryGetValue(keptId, out var kept) || !donors.TryGetValue(mergedId, out var merged))
        {
            return "There is no such donor.";
        }

        if (kept.ErasedAt is not null || merged.ErasedAt is not null || kept.MergedIntoId is not null || merged.MergedIntoId is not null)
        {
            return "An erased donor, or one already merged into another, cannot be merged.";
        }

        if (await db.DonorMerges.AnyAsync(
            m => m.State == DonorMergeState.Merged && (m.MergedDonorId == keptId || m.KeptDonorId == mergedId), cancellationToken))
        {
            return "Confirm or undo the open merge of these donors first.";
        }

        var customers = await db.DonorGatewayCustomers.Where(c => c.DonorId == keptId || c.DonorId == mergedId).ToListAsync(cancellationToken);
        var keptGateways = customers.Where(c => c.DonorId == keptId).ToDictionary(c => c.Gateway, c => c.CustomerId);
        var clashes = customers.Where(c => c.DonorId == mergedId && keptGateways.TryGetValue(c.Gateway, out var other) && other != c.CustomerId)
            .Select(c => $"{c.Gateway} {keptGateways[c.Gateway]} / {c.CustomerId}").ToList();
        if (clashes.Count > 0 && !gatewayCustomersSeen)
        {
            return $"Both donors are customers of the payment gateway ({string.Join("; ", clashes)}). The merged donor's customer "
                + "stays with their record and their sponsorships keep charging it; tick the box to say you have seen this.";
        }

        var moved = customers.Where(c => c.DonorId == mergedId && !keptGateways.ContainsKey(c.Gateway)).ToList();
        moved.ForEach(c => c.DonorId = keptId);
        var sponsorships = await db.Sponsorships.Where(s => s.DonorId == mergedId).ToListAsync(cancellationToken);
        sponsorships.ForEach(s => s.DonorId = keptId);
        var merge = new DonorMerge
        {
            KeptDonorId = keptId,
            MergedDonorId = mergedId,
            MovedSponsorships = string.Join(',', sponsorships.Select(s => s.Id)),
            MovedGatewayCustomers = string.Join(',', moved.Select(c => c.Gateway)),
            KeptConsentsBefore = kept.MailConsents,
            MergedConsentsBefore = merged.MailConsents,
            Reason = actor.Reason.Trim(),
            MergedBy = actor.Name,
            MergedAt = calendar.UtcNow,
        };
        db.DonorMerges.Add(merge);
        await CarryConsentsAsync(kept, merged, cancellationToken);
        merged.MergedIntoId = keptId;
        await db.DonorSessions.Where(s => s.DonorId == mergedId && s.RevokedAt == null)
            .ForEachAsync(s => s.RevokedAt = calendar.UtcNow, cancellationToken);
        var details = $"{sponsorships.Count} sponsorships; reason: {merge.Reason}";
        audit.Record(
            actor.Id,
            actor.Name,
            "donor-care.merged",
            DonorCare.Subject(keptId),
            $"merged {merged.Email} into this donor; {details}",
            actor.IpAddress);
        audit.Record(
            actor.Id, actor.Name, "donor-care.merged-away", DonorCare.Subject(mergedId), $"merged into {kept.Email}; {details}", actor.IpAddress);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Puts back what the merge moved, as it was; only while it is not confirmed.</summary>
    public async Task<string?> UndoAsync(Guid mergeId, StaffActor actor, CancellationToken cancellationToken)
    {
        if (DonorCare.CheckReason(actor) is { } refused)
        {
            return refused;
        }

        var merge = await db.DonorMerges.SingleOrDefaultAsync(m => m.Id == mergeId, cancellationToken);
        if (merge is not { State: DonorMergeState.Merged })
        {
            return "Only a merge that is not confirmed can be undone.";
        }

        var ids = merge.MovedSponsorships.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
        var sponsorships = await db.Sponsorships.Where(s => ids.Contains(s.Id) && s.DonorId == merge.KeptDonorId).ToListAsync(cancellationToken);
        sponsorships.ForEach(s => s.DonorId = merge.MergedDonorId);
        var gateways = merge.MovedGatewayCustomers.Split(',', StringSplitOptions.RemoveEmptyEntries);
        await db.DonorGatewayCustomers.Where(c => c.DonorId == merge.KeptDonorId && gateways.Contains(c.Gateway))
            .ForEachAsync(c => c.DonorId = merge.MergedDonorId, cancellationToken);
        var donors = await db.Donors.Where(d => d.Id == merge.KeptDonorId || d.Id == merge.MergedDonorId)
            .ToDictionaryAsync(d => d.Id, cancellationToken);
        var (kept, merged) = (donors[merge.KeptDonorId], donors[merge.MergedDonorId]);
        var now = calendar.UtcNow;
        var undone = kept.MailConsents & ~merge.KeptConsentsBefore;
        ConsentChanges.Apply(
            db,
            kept,
            undone,
            MailTopics.None,
            _ => ("merge-undone", "Consent carried over from a merged donor, removed when the merge was undone."),
            $"donor care: merge with {merged.Email} undone",
            now);
        merged.MailConsents = merge.MergedConsentsBefore;
        merged.MergedIntoId = null;
        merge.State = DonorMergeState.Undone;
        (merge.DecidedBy, merge.DecidedAt) = (actor.Name, now);
        audit.Record(actor.Id, actor.Name, "donor-care.merge-undone", DonorCare.Subject(merge.KeptDonorId),
            $"{merged.Email} is their own donor again; reason: {actor.Reason.Trim()}", actor.IpAddress);
        audit.Record(actor.Id, actor.Name, "donor-care.merge-undone", DonorCare.Subject(merge.MergedDonorId),
            $"no longer merged into {kept.Email}; reason: {actor.Reason.Trim()}", actor.IpAddress);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<string?> ConfirmAsync(Guid mergeId, StaffActor actor, CancellationToken cancellationToken)
    {
        var merge = await db.DonorMerges.SingleOrDefaultAsync(m => m.Id == mergeId, cancellationToken);
        if (merge is not { State: DonorMergeState.Merged })
        {
            return "This merge is already confirmed or undone.";
        }

        merge.State = DonorMergeState.Confirmed;
        (merge.DecidedBy, merge.DecidedAt) = (actor.Name, calendar.UtcNow);
        audit.Record(actor.Id, actor.Name, "donor-care.merge-confirmed", DonorCare.Subject(merge.KeptDonorId), $"merge {merge.Id}", actor.IpAddress);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>The merges this donor took part in, newest first.</summary>
    public Task<List<DonorMerge>> OfAsync(Guid donorId, CancellationToken cancellationToken) =>
        db.DonorMerges.AsNoTracking().Where(m => m.KeptDonorId == donorId || m.MergedDonorId == donorId)
            .OrderByDescending(m => m.MergedAt).Take(DonorFiles.ShownSmall).ToListAsync(cancellationToken);

    /// <summary>The topics the merged donor received and the kept one did not, given to the kept one with the same words.</summary>
    private async Task CarryConsentsAsync(Donor kept, Donor merged, CancellationToken cancellationToken)
    {
        var gained = merged.MailConsents & ~kept.MailConsents;
        if (gained != MailTopics.None)
        {
            var latest = await db.ConsentRecords.AsNoTracking().Where(r => r.DonorId == merged.Id && r.Given)
                .OrderByDescending(r => r.At).ToListAsync(cancellationToken);
            ConsentChanges.Apply(
                db,
                kept,
                gained,
                gained,
                topic => latest.FirstOrDefault(r => r.Topic == topic) is { } record
                    ? (record.WordingId, record.Wording)
                    : ("merged", "Consent given as another donor record, merged into this one."),
                $"donor care: merged from {merged.Email}",
                calendar.UtcNow);
        }

        merged.MailConsents = MailTopics.None;
    }
}

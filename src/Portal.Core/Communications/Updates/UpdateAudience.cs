using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Consent;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Fundraising;
using Portal.Core.Sponsorships;

namespace Portal.Core.Communications.Updates;

/// <summary>
/// Who an update goes to. For a fund: exactly the donors with a sponsorship of that fund in the chosen states (active;
/// paused or past due; ended within N months, one-time gifts included), never anyone else's. Always narrowed to donors
/// who agreed to the update's topic, whose address is not suppressed, and (if the update names one) of its language.
/// </summary>
public static class UpdateAudience
{
    public static IQueryable<Donor> Donors(PortalDbContext db, ImpactUpdate update, DateTime now)
    {
        if (List(update.AudienceKind) is { } list)
        {
            var listed = FundraisingLists.Donors(db, list, DateOnly.FromDateTime(now), update.FundId).Select(d => d.Id);
            var reachable = MailConsent.Reachable(db, update.Topic).Where(d => listed.Contains(d.Id));
            return update.Language is { Length: > 0 } code ? reachable.Where(d => d.Language == code) : reachable;
        }

        var sponsorships = db.Sponsorships.AsQueryable();
        if (update.AudienceKind == UpdateAudienceKind.FundSponsors)
        {
            var fundId = update.FundId ?? throw new InvalidOperationException($"Update {update.Id} is for a fund's sponsors but names no fund.");
            var lapsedSince = update.LapsedWithinMonths is { } months ? now.AddMonths(-months) : DateTime.MaxValue;
            var active = update.IncludeActive;
            var paused = update.IncludePaused;
            var lapsed = update.LapsedWithinMonths is not null;
            sponsorships = sponsorships.Where(s => s.FundId == fundId
                && ((active && s.Status == SponsorshipStatus.Active)
                    || (paused && (s.Status == SponsorshipStatus.Paused || s.Status == SponsorshipStatus.PastDue))
                    || (lapsed && (s.Status == SponsorshipStatus.Cancelled || s.Status == SponsorshipStatus.Completed) && s.EndedAt >= lapsedSince)));
        }
        else
        {
            // Everyone who has given: not a checkout left unpaid, not a first payment that failed.
            sponsorships = sponsorships.Where(s => s.Status == SponsorshipStatus.Active || s.Status == SponsorshipStatus.Paused
                || s.Status == SponsorshipStatus.PastDue || s.Status == SponsorshipStatus.Cancelled || s.Status == SponsorshipStatus.Completed);
        }

        // "Id IN (the sponsors)", not "EXISTS (a sponsorship of this donor)": SQLite would answer the correlated form
        // through the (fund, status) index once per donor, reading every sponsor of the fund each time.
        var sponsors = sponsorships.Select(s => s.DonorId);
        var donors = MailConsent.Reachable(db, update.Topic).Where(d => sponsors.Contains(d.Id));
        return update.Language is { Length: > 0 } language ? donors.Where(d => d.Language == language) : donors;
    }

    /// <summary>The fundraising list an audience is, if it is one.</summary>
    public static FundraisingList? List(UpdateAudienceKind kind) => kind switch
    {
        UpdateAudienceKind.LapsedDonors => FundraisingList.Lapsed,
        UpdateAudienceKind.ExpiringCards => FundraisingList.ExpiringCards,
        UpdateAudienceKind.PastDue => FundraisingList.PastDue,
        _ => null,
    };

    /// <summary>How many would receive it now: shown before sending, and required to be typed for "all donors".</summary>
    public static Task<int> CountAsync(PortalDbContext db, ImpactUpdate update, DateTime now, CancellationToken cancellationToken) =>
        Donors(db, update, now).CountAsync(cancellationToken);
}

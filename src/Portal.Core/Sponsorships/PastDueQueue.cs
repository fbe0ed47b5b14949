using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Sponsorships;

/// <summary>A past-due sponsorship with its donor, its last failed charge and what was tried for that charge.</summary>
public sealed record PastDueRow(
    Sponsorship Sponsorship, string DonorName, string DonorEmail, string FundName, Charge? Charge, List<ChargeAttempt> Attempts);

/// <summary>Sponsorships whose payment failed after every retry, longest past due first: Finance's queue and its CSV.</summary>
public static class PastDueQueue
{
    public static async Task<List<PastDueRow>> ReadAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var found = await (
            from s in db.Sponsorships.AsNoTracking()
            where s.Status == SponsorshipStatus.PastDue
            join donor in db.Donors on s.DonorId equals donor.Id
            join fund in db.Funds on s.FundId equals fund.Id
            orderby s.PastDueSince
            select new { s, donor.Name, donor.Email, FundName = fund.Name }).ToListAsync(cancellationToken);
        var ids = found.Select(f => f.s.Id).ToList();
        var failed = (await db.Charges.AsNoTracking()
                .Where(c => ids.Contains(c.SponsorshipId) && c.Status == ChargeStatus.Failed).ToListAsync(cancellationToken))
            .GroupBy(c => c.SponsorshipId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.PeriodStart)!);
        var chargeIds = failed.Values.Select(c => c.Id).ToList();
        var attempts = (await db.ChargeAttempts.AsNoTracking().Where(a => chargeIds.Contains(a.ChargeId)).ToListAsync(cancellationToken))
            .GroupBy(a => a.ChargeId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.OccurredAt).ThenBy(a => a.Id).ToList());
        return found.Select(f =>
        {
            var charge = failed.GetValueOrDefault(f.s.Id);
            return new PastDueRow(f.s, f.Name, f.Email, f.FundName, charge, charge is null ? [] : attempts.GetValueOrDefault(charge.Id, []));
        }).ToList();
    }
}

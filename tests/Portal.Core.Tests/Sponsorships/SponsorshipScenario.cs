using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Sponsorships;

/// <summary>
/// A donor with a monthly EUR 30 sponsorship started on 10 March 2026 (the test clock's day), its first period paid,
/// the next due on 10 April; and the charge run's claim, as the run selects and claims due periods.
/// </summary>
public sealed class SponsorshipScenario
{
    public static readonly DateOnly Started = new(2026, 3, 10);

    private SponsorshipScenario(PortalServices services, Guid donorId, Guid sponsorshipId)
    {
        Services = services;
        DonorId = donorId;
        SponsorshipId = sponsorshipId;
    }

    public PortalServices Services { get; }

    public Guid DonorId { get; }

    public Guid SponsorshipId { get; }

    public DateOnly Today => DateOnly.FromDateTime(Services.Clock.GetUtcNow().UtcDateTime);

    /// <summary>A charge of this sponsorship for the period, in the given state (a declined one due for retry now).</summary>
    public async Task AddChargeAsync(DateOnly period, ChargeStatus status, bool retryNow = false)
    {
        await using var db = Services.CreateContext();
        db.Charges.Add(new Charge
        {
            SponsorshipId = SponsorshipId,
            PeriodStart = period,
            AmountMinor = 3000,
            Currency = "EUR",
            Gateway = "sandbox",
            Status = status,
            NextRetryAt = retryNow ? DateTime.UtcNow : null,
        });
        await db.SaveChangesAsync();
    }

    public static async Task<SponsorshipScenario> CreateAsync(
        PortalServices services,
        SponsorshipStatus status = SponsorshipStatus.Active,
        string email = "ada@example.org")
    {
        await using var db = services.CreateContext();
        foreach (var (slug, fundStatus) in new[] { ("nairobi", FundStatus.Open), ("lima", FundStatus.Open), ("old", FundStatus.Closed) })
        {
            if (!await db.Funds.AnyAsync(f => f.Slug == slug))
            {
                db.Funds.Add(new Fund
                {
                    Slug = slug,
                    Code = slug.ToUpperInvariant(),
                    Name = slug,
                    Summary = "s",
                    Story = "s",
                    Currency = "EUR",
                    Status = fundStatus
                });
            }
        }

        await db.SaveChangesAsync();
        var donor = new Donor { Email = email, NormalizedEmail = Donor.Normalize(email), Name = "Ada", CountryCode = "GB" };
        var sponsorship = new Sponsorship
        {
            DonorId = donor.Id,
            FundId = await db.Funds.Where(f => f.Slug == "nairobi").Select(f => f.Id).SingleAsync(),
            AmountMinor = 3000,
            Currency = "EUR",
            Interval = SponsorshipInterval.Monthly,
            ChargeDay = 10,
            Status = status,
            Gateway = "sandbox",
            NextPeriodStart = status == SponsorshipStatus.Pending ? null : Started.AddMonths(1),
        };
        db.Donors.Add(donor);
        db.Sponsorships.Add(sponsorship);
        db.Charges.Add(new Charge
        {
            SponsorshipId = sponsorship.Id,
            PeriodStart = Started,
            AmountMinor = 3000,
            Currency = "EUR",
            Gateway = "sandbox",
            Status = ChargeStatus.Succeeded
        });
        await db.SaveChangesAsync();
        return new SponsorshipScenario(services, donor.Id, sponsorship.Id);
    }

    public async Task<Sponsorship> LoadAsync()
    {
        await using var db = Services.CreateContext();
        return await db.Sponsorships.AsNoTracking().SingleAsync(s => s.Id == SponsorshipId);
    }

    /// <summary>Runs one change as the donor, with the version they are looking at now.</summary>
    public async Task<ChangeResult> ChangeAsync(Func<SponsorshipChanges, ChangeRequest, Task<ChangeResult>> change, Guid? asDonor = null)
    {
        var version = (await LoadAsync()).Version;
        return await Services.InScopeAsync(
            scope => change(scope.GetRequiredService<SponsorshipChanges>(), new ChangeRequest(asDonor ?? DonorId, SponsorshipId, version)));
    }

    /// <summary>What the charge run does each day: claims every due period with a charge row and moves the next period on.</summary>
    public async Task<List<DateOnly>> ClaimDueAsync()
    {
        var today = Today;
        await using var db = Services.CreateContext();
        var due = await db.Sponsorships
            .Where(s => (s.Status == SponsorshipStatus.Active || (s.Status == SponsorshipStatus.Paused && s.PausedUntil <= today))
                && s.NextPeriodStart <= today)
            .ToListAsync();
        foreach (var s in due)
        {
            db.Charges.Add(new Charge
            {
                SponsorshipId = s.Id,
                PeriodStart = s.NextPeriodStart!.Value,
                AmountMinor = s.ChargeAmount.Minor,
                Currency = s.Currency,
                Gateway = "sandbox",
                Status = ChargeStatus.Succeeded
            });
            s.NextPeriodStart = ChargeSchedule.Next(s.NextPeriodStart.Value, s.Interval, s.ChargeDay);
            s.Status = SponsorshipStatus.Active;
            s.PausedUntil = null;
        }

        var claimed = db.ChangeTracker.Entries<Charge>().Select(e => e.Entity.PeriodStart).ToList();
        await db.SaveChangesAsync();
        return claimed;
    }

    public async Task<List<DateOnly>> ClaimedPeriodsAsync()
    {
        await using var db = Services.CreateContext();
        return await db.Charges.Where(c => c.SponsorshipId == SponsorshipId).OrderBy(c => c.PeriodStart).Select(c => c.PeriodStart).ToListAsync();
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Hosting;
using Portal.Core.Payments;
using Portal.Core.Sponsorships;
using Portal.FakeStripe;

namespace Portal.Bench;

/// <summary>
/// N donors, each with one active monthly EUR sponsorship due today, saved to a Stripe customer of their own and
/// Stripe's test Visa (which the fake charges for any customer). Not part of the measured time.
/// </summary>
internal static class SeedSponsorships
{
    private const int Chunk = 5_000;

    /// <param name="prefix">Starts each donor's e-mail address: a second set of donors on the same customers needs another.</param>
    public static async Task<DateOnly> RunAsync(
        IServiceProvider provider, IReadOnlyList<string> customers, CancellationToken cancellationToken, string prefix = "donor")
    {
        var calendar = provider.GetRequiredService<CharityCalendar>();
        var contexts = provider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var today = calendar.Today;
        var now = calendar.UtcNow;
        List<Guid> funds;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            funds = await db.Funds.Where(f => f.Currency == "EUR").Select(f => f.Id).ToListAsync(cancellationToken);
            if (funds.Count == 0)
            {
                funds = await db.Funds.Select(f => f.Id).ToListAsync(cancellationToken);
            }
        }

        for (var start = 0; start < customers.Count; start += Chunk)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(customers.Count, start + Chunk); i++)
            {
                var email = string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}@bench.invalid");
                var donor = new Donor
                {
                    Email = email,
                    NormalizedEmail = Donor.Normalize(email),
                    Name = $"Donor {prefix}{i}",
                    CountryCode = "AT",
                    CreatedAt = now
                };
                db.Donors.Add(donor);
                db.Sponsorships.Add(new Sponsorship
                {
                    DonorId = donor.Id,
                    FundId = funds[i % funds.Count],
                    AmountMinor = 3_000,
                    Currency = "EUR",
                    Interval = SponsorshipInterval.Monthly,
                    ChargeDay = today.Day,
                    Status = SponsorshipStatus.Active,
                    Gateway = StripeNames.Gateway,
                    GatewayCustomerId = customers[i],
                    GatewayPaymentMethodId = TestPaymentMethods.Visa,
                    CardBrand = "visa",
                    CardLast4 = "4242",
                    NextPeriodStart = today,
                    CreatedAt = now,
                    StartedAt = now,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return today;
    }
}

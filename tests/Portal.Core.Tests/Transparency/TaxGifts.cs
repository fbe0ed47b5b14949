using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Transparency;

/// <summary>The portal's services with donors whose paid gifts are written straight to the database, on any date.</summary>
internal sealed class TaxGifts : IAsyncDisposable
{
    private readonly Dictionary<Guid, Guid> sponsorships = [];
    private int periods;

    private TaxGifts(TestDatabase database, PortalServices services)
    {
        Database = database;
        Services = services;
    }

    public TestDatabase Database { get; }

    public PortalServices Services { get; }

    public static async Task<TaxGifts> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var services = PortalServices.Create(database, settings);
        await services.InScopeAsync(scope => scope.GetRequiredService<SeedDemoContent>().RunAsync(CancellationToken.None));
        return new TaxGifts(database, services);
    }

    public async Task<Guid> DonorAsync(string name = "Ada Lovelace", string language = "en", string fundSlug = "nairobi")
    {
        await using var db = Services.CreateContext();
        var email = $"{name.Split(' ')[0].ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        var donor = new Donor
        {
            Email = email,
            NormalizedEmail = Donor.Normalize(email),
            Name = name,
            CountryCode = "AT",
            Language = language,
            CreatedAt = DateTime.UtcNow
        };
        var fund = db.Funds.Single(f => f.Slug == fundSlug);
        var sponsorship = new Sponsorship
        {
            DonorId = donor.Id,
            FundId = fund.Id,
            AmountMinor = 3000,
            Currency = "EUR",
            Interval = SponsorshipInterval.Monthly,
            ChargeDay = 1,
            Status = SponsorshipStatus.Active,
            Gateway = "sandbox",
            CreatedAt = DateTime.UtcNow,
        };
        db.Donors.Add(donor);
        db.Sponsorships.Add(sponsorship);
        await db.SaveChangesAsync();
        sponsorships[donor.Id] = sponsorship.Id;
        return donor.Id;
    }

    /// <summary>A receipted gift paid at <paramref name="paidAtUtc"/>, of which <paramref name="refundedMinor"/> was given back.</summary>
    public async Task<Guid> GiftAsync(
        Guid donorId,
        DateTime paidAtUtc,
        long amountMinor,
        string currency = "EUR",
        long refundedMinor = 0,
        ChargeStatus? status = null,
        bool returned = false)
    {
        await using var db = Services.CreateContext();
        periods++;
        var charge = new Charge
        {
            SponsorshipId = sponsorships[donorId],
            PeriodStart = new DateOnly(2000, 1, 1).AddDays(periods),
            AmountMinor = amountMinor,
            Currency = currency,
            AmountRefundedMinor = refundedMinor,
            Status = status ?? (refundedMinor >= amountMinor ? ChargeStatus.Refunded : ChargeStatus.Succeeded),
            Gateway = "sandbox",
            ReceiptNumber = $"{paidAtUtc.Year}-{periods:D7}",
            CreatedAt = DateTime.SpecifyKind(paidAtUtc, DateTimeKind.Utc),
            SucceededAt = DateTime.SpecifyKind(paidAtUtc, DateTimeKind.Utc),
            ReversedAt = returned ? DateTime.SpecifyKind(paidAtUtc.AddDays(5), DateTimeKind.Utc) : null,
        };
        db.Charges.Add(charge);
        await db.SaveChangesAsync();
        return charge.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}

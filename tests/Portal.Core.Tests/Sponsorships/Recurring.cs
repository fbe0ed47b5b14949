using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Runs;
using Portal.FakeStripe;
using Portal.Testing;
using CustomerCreateOptions = Stripe.CustomerCreateOptions;
using StripeClient = Stripe.StripeClient;

namespace Portal.Core.Tests.Sponsorships;

/// <summary>
/// The portal's services on Stripe (the fake server, through the real Stripe.net client) with active sponsorships
/// whose first payment is behind them, ready for the charge run.
/// </summary>
internal sealed class Recurring : IAsyncDisposable
{
    public const string WebhookSecret = "whsec_recurring_tests";

    private Recurring(TestDatabase database, PortalServices services, FakeStripeServer stripe, StripeClient client)
    {
        Database = database;
        Services = services;
        Stripe = stripe;
        Client = client;
    }

    public TestDatabase Database { get; }

    public PortalServices Services { get; }

    public FakeStripeServer Stripe { get; }

    public StripeClient Client { get; }

    public static async Task<Recurring> CreateAsync(
        DatabaseProvider provider,
        IDictionary<string, string?>? settings = null,
        FakeStripeOptions? stripeOptions = null)
    {
        var stripe = await FakeStripeServer.StartAsync(stripeOptions);
        var database = await TestDatabase.CreateAsync(provider);
        var values = new Dictionary<string, string?>
        {
            ["Payments:Gateway"] = "Stripe",
            ["Stripe:SecretKey"] = stripe.ApiKey,
            ["Stripe:WebhookSecret"] = WebhookSecret,
            ["Stripe:ApiBase"] = stripe.BaseUrl,
            ["Stripe:TimeoutSeconds"] = "2",
            ["Charges:RequestsPerSecond"] = "1000",
            ["Charges:MaxConcurrency"] = "8",
            ["Charges:BatchSize"] = "50",
            ["Charges:TransientBackoff"] = "00:00:00.005",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = PortalServices.Create(database, values);
        await services.InScopeAsync(scope => scope.GetRequiredService<SeedDemoContent>().RunAsync(CancellationToken.None));
        return new Recurring(database, services, stripe, stripe.CreateClient());
    }

    public DateOnly Today => Services.Get<CharityCalendar>().Today;

    /// <summary>A donor with a Stripe customer and an active sponsorship whose next period starts on <paramref name="next"/>.</summary>
    public async Task<Guid> AddAsync(
        string paymentMethod = TestPaymentMethods.Visa, DateOnly? next = null, int? chargeDay = null, long amountMinor = 3000,
        SponsorshipInterval interval = SponsorshipInterval.Monthly, string language = "en", string fundSlug = "nairobi", string currency = "EUR")
    {
        var id = Guid.CreateVersion7();
        var email = $"donor-{id:N}@example.org";
        var customer = await Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = email });
        await using var db = Services.CreateContext();
        var fund = await db.Funds.SingleAsync(f => f.Slug == fundSlug);
        var now = Services.Clock.GetUtcNow().UtcDateTime;
        var donor = new Donor
        {
            Email = email,
            NormalizedEmail = Donor.Normalize(email),
            Name = $"Donor {id.ToString("N")[..6]}",
            CountryCode = "AT",
            Language = language,
            CreatedAt = now
        };
        var period = next ?? Today;
        db.Donors.Add(donor);
        db.Sponsorships.Add(new Sponsorship
        {
            Id = id,
            DonorId = donor.Id,
            FundId = fund.Id,
            AmountMinor = amountMinor,
            Currency = currency,
            Interval = interval,
            ChargeDay = chargeDay ?? period.Day,
            Status = SponsorshipStatus.Active,
            Gateway = "stripe",
            GatewayCustomerId = customer.Id,
            GatewayPaymentMethodId = paymentMethod,
            NextPeriodStart = period,
            CreatedAt = now,
            StartedAt = now,
        });
        await db.SaveChangesAsync();
        return id;
    }

    public Task<ChargeRun> RunAsync(CancellationToken cancellationToken = default) =>
        Services.InScopeAsync(scope => scope.GetRequiredService<ChargeRunner>().RunAsync("test", cancellationToken));

    public async Task<List<Charge>> ChargesAsync(Guid? sponsorshipId = null)
    {
        await using var db = Services.CreateContext();
        return await db.Charges.AsNoTracking().Where(c => sponsorshipId == null || c.SponsorshipId == sponsorshipId)
            .OrderBy(c => c.PeriodStart).ToListAsync();
    }

    public async Task<Sponsorship> SponsorshipAsync(Guid id)
    {
        await using var db = Services.CreateContext();
        return await db.Sponsorships.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    /// <summary>The fake Stripe's succeeded payments per charge id: more than one is a double charge.</summary>
    public Dictionary<string, int> SucceededAtStripe() => Stripe.PaymentIntents
        .Where(pi => pi.Status == "succeeded" && pi.Metadata.ContainsKey("charge_id"))
        .GroupBy(pi => pi.Metadata["charge_id"]).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Every currency's lines sum to zero, and every entry on its own.</summary>
    public async Task AssertLedgerBalancedAsync()
    {
        await using var db = Services.CreateContext();
        var unbalanced = await db.JournalLines.GroupBy(l => new { l.JournalEntryId, l.Currency })
            .Where(g => g.Sum(l => l.AmountMinor) != 0).CountAsync();
        Assert.Equal(0, unbalanced);
    }

    public async Task<long> FundIncomeAsync(string currency = "EUR")
    {
        await using var db = Services.CreateContext();
        return -await db.JournalLines.Where(l => l.Account!.Kind == AccountKind.FundIncome && l.Currency == currency)
            .SumAsync(l => l.AmountMinor);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}

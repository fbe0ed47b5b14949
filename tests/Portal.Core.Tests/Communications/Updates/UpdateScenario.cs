using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Communications.Updates;

/// <summary>
/// A portal with the demo funds, a real SMTP server in the test process, and donors added one by one with the
/// sponsorship state, language and consent a test needs; updates are sent by the real job's service.
/// </summary>
public sealed class UpdateScenario : IAsyncDisposable
{
    private bool relayDown;

    private UpdateScenario(TestDatabase database, TestSmtpServer smtp, PortalServices services)
    {
        Database = database;
        Smtp = smtp;
        Services = services;
    }

    public TestDatabase Database { get; }

    public TestSmtpServer Smtp { get; private set; }

    public PortalServices Services { get; }

    public static async Task<UpdateScenario> CreateAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite,
        IDictionary<string, string?>? settings = null)
    {
        var smtp = TestSmtpServer.Start();
        var database = await TestDatabase.CreateAsync(provider);
        var values = new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Updates:MessagesPerSecond"] = "0",
            ["Updates:Connections"] = "2",
            ["Updates:BatchSize"] = "10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = PortalServices.Create(database, values);
        await services.InScopeAsync(scope => scope.GetRequiredService<SeedDemoContent>().RunAsync(CancellationToken.None));
        return new UpdateScenario(database, smtp, services);
    }

    /// <summary>Stops the relay (as if it were down) and later brings it back on the same port.</summary>
    public async Task RelayDownAsync()
    {
        await Smtp.DisposeAsync();
        relayDown = true;
    }

    public void RelayBack()
    {
        Smtp = TestSmtpServer.StartOn(Smtp.Port);
        relayDown = false;
    }

    public async Task<Guid> FundAsync(string slug)
    {
        await using var db = Services.CreateContext();
        return await db.Funds.Where(f => f.Slug == slug).Select(f => f.Id).SingleAsync();
    }

    /// <summary>A donor with one sponsorship; <paramref name="paidMinor"/> adds a paid gift this year.</summary>
    public async Task<Donor> DonorAsync(
        string email, string fundSlug = "nairobi", SponsorshipStatus status = SponsorshipStatus.Active, bool consent = true,
        string language = "en", long paidMinor = 0, DateTime? endedAt = null, MailTopics optOuts = MailTopics.None, string? name = null)
    {
        await using var db = Services.CreateContext();
        var fund = await db.Funds.SingleAsync(f => f.Slug == fundSlug);
        var now = Services.Clock.GetUtcNow().UtcDateTime;
        var donor = new Donor
        {
            Email = email,
            NormalizedEmail = Donor.Normalize(email),
            Name = name ?? email.Split('@')[0],
            CountryCode = "AT",
            Language = language,
            MailConsents = consent ? MailConsent.AllTopics & ~optOuts : MailTopics.None,
            CreatedAt = now,
        };
        var sponsorship = new Sponsorship
        {
            DonorId = donor.Id,
            FundId = fund.Id,
            AmountMinor = 3000,
            Currency = fund.Currency,
            Interval = SponsorshipInterval.Monthly,
            ChargeDay = 1,
            Status = status,
            Gateway = "sandbox",
            CreatedAt = now,
            StartedAt = now,
            EndedAt = endedAt,
            ConsentTopics = consent ? MailConsent.AllTopics : MailTopics.None,
        };
        db.Donors.Add(donor);
        db.Sponsorships.Add(sponsorship);
        if (paidMinor > 0)
        {
            db.Charges.Add(new Charge
            {
                SponsorshipId = sponsorship.Id,
                FundId = fund.Id,
                AmountMinor = paidMinor,
                Currency = fund.Currency,
                Status = ChargeStatus.Succeeded,
                Gateway = "sandbox",
                PeriodStart = DateOnly.FromDateTime(now),
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync();
        return donor;
    }

    public async Task<ImpactUpdate> UpdateAsync(
        string fundSlug = "nairobi",
        string body = "The new school roof is on.",
        Action<ImpactUpdate>? change = null)
    {
        await using var db = Services.CreateContext();
        var now = Services.Clock.GetUtcNow().UtcDateTime;
        var update = new ImpactUpdate
        {
            Title = "A dry school",
            BodyMarkdown = body,
            FundId = await FundAsync(fundSlug),
            IncludeActive = true,
            Status = UpdateStatus.Sending,
            ScheduledFor = now,
            CreatedBy = "comms@example.org",
            CreatedAt = now,
            UpdatedAt = now,
        };
        change?.Invoke(update);
        db.ImpactUpdates.Add(update);
        await db.SaveChangesAsync();
        return update;
    }

    public Task<int> RunJobAsync() => Services.Get<UpdateSends>().RunAsync(CancellationToken.None);

    public async Task<List<UpdateDelivery>> DeliveriesAsync(Guid updateId)
    {
        await using var db = Services.CreateContext();
        return await db.UpdateDeliveries.AsNoTracking().Where(d => d.UpdateId == updateId).ToListAsync();
    }

    public async Task<ImpactUpdate> ReloadAsync(Guid updateId)
    {
        await using var db = Services.CreateContext();
        return await db.ImpactUpdates.AsNoTracking().SingleAsync(u => u.Id == updateId);
    }

    public List<string> Recipients() => Smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).ToList();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (!relayDown)
        {
            await Smtp.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Payments.Events;
using Portal.Testing;

namespace Portal.Core.Tests.Sponsorships;

/// <summary>
/// The gifts started at the same moment are saved together (a group commit), and each is saved exactly once: a new
/// donor who sends the form twice at once is one donor with two gifts.
/// </summary>
public class CheckoutSavesTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Forms_sent_at_once_each_have_their_gift_saved_once_and_a_new_donor_sending_twice_is_one_donor(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var portal = seeded.Services;
        // 24 donors, the first four of whom send the form twice at the same moment.
        var emails = Enumerable.Range(0, 24).Select(i => $"donor{i}@example.org").Concat(Enumerable.Range(0, 4).Select(i => $"donor{i}@example.org"));

        var started = await Task.WhenAll(emails.Select(email =>
                Task.Run(async () => (Email: email, Gift: await MoneyPath.StartAsync(portal, email: email)))))
            .WaitAsync(TimeSpan.FromMinutes(1));

        await using var db = portal.CreateContext();
        var saved = await db.Charges.AsNoTracking()
            .Join(db.Sponsorships, c => c.SponsorshipId, s => s.Id, (c, s) => new { s.Id, c.CheckoutSessionId, s.DonorId })
            .Join(db.Donors, g => g.DonorId, d => d.Id, (g, d) => new { g.Id, g.CheckoutSessionId, d.Email })
            .ToListAsync();
        Assert.Equal(
            started.Select(s => (s.Gift.SponsorshipId, (string?)s.Gift.SessionId, s.Email)).Order(),
            saved.Select(s => (s.Id, s.CheckoutSessionId, s.Email)).Order());
        Assert.Equal(24, await db.Donors.CountAsync());
    }

    [Fact]
    public async Task Gifts_that_arrive_while_the_writer_is_busy_are_saved_in_one_commit()
    {
        await using var seeded = await MoneyPath.SeededAsync(DatabaseProvider.Sqlite);
        var (database, portal) = (seeded.Database, seeded.Services);
        Guid fundId;
        await using (var read = portal.CreateContext())
        {
            fundId = await read.Funds.Select(f => f.Id).FirstAsync();
        }

        var saves = portal.Get<CheckoutSaves>();
        var before = SqliteWriteGate.Usage(database.ConnectionString);
        await using var busy = database.CreateContext();
        var transaction = await busy.Database.BeginTransactionAsync();

        // The first gift waits for the writer; the next 19 arrive while it waits.
        var gifts = Enumerable.Range(0, 20).Select(i => Gift(fundId, $"waiting{i}@example.org")).ToList();
        var saving = gifts.Select(gift => saves.SaveAsync(gift, CancellationToken.None)).ToList();
        await Eventually.TrueAsync(() => SqliteWriteGate.Waiting(database.ConnectionString) == 1, "the first gift waits for the writer");

        Assert.All(saving, s => Assert.False(s.IsCompleted));
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        await Task.WhenAll(saving).WaitAsync(TimeSpan.FromMinutes(1));

        // The test's transaction, the first gift alone, then the 19 others together: three holds of the writer.
        Assert.Equal(3, SqliteWriteGate.Usage(database.ConnectionString).Holds - before.Holds);
        await using var db = portal.CreateContext();
        var charges = await db.Charges.Where(c => c.CheckoutSessionId!.StartsWith("cs_waiting")).Select(c => c.Id).ToListAsync();
        Assert.Equal(gifts.Select(g => g.Charge.Id).Order(), charges.Order());
    }

    private static StartedGift Gift(Guid fundId, string email)
    {
        var donor = new Donor
        {
            Email = email,
            NormalizedEmail = Donor.Normalize(email),
            Name = "Waiting",
            CountryCode = "GB",
            Language = "en",
        };
        var sponsorship = new Sponsorship
        {
            DonorId = donor.Id,
            FundId = fundId,
            AmountMinor = 3000,
            Currency = "EUR",
            ChargeDay = 7,
            Gateway = "sandbox",
        };
        var charge = new Charge
        {
            SponsorshipId = sponsorship.Id,
            PeriodStart = new DateOnly(2026, 12, 7),
            AmountMinor = 3000,
            Currency = "EUR",
            Status = ChargeStatus.InFlight,
            Gateway = "sandbox",
            FundId = fundId,
            CheckoutSessionId = $"cs_{email.Split('@')[0]}",
        };
        return new StartedGift(donor, sponsorship, charge);
    }
}

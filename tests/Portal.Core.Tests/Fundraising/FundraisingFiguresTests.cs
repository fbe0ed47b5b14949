using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Fundraising;
using Portal.Core.Ledger.Totals;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Payments.Events;
using Portal.Testing;

namespace Portal.Core.Tests.Fundraising;

/// <summary>
/// The board's figures follow what sponsors do, month by month, from the totals the commit keeps; the nightly check
/// and a rebuild agree with them; the lists and the update audiences count the same donors.
/// </summary>
public class FundraisingFiguresTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Two_years_of_sponsors_give_the_months_figures_the_check_and_a_rebuild_agree_with(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        // June 2025: three sponsors of EUR 30 a month.
        services.Clock.AdjustTime(new DateTimeOffset(2025, 6, 10, 12, 0, 0, TimeSpan.Zero));
        await GiveAsync(services, "ada@example.org", "Monthly", "30");
        var grace = await GiveAsync(services, "grace@example.org", "Monthly", "30");
        var alan = await GiveAsync(services, "alan@example.org", "Monthly", "30");
        // February 2026: Ada gives again (EUR 90 a quarter, EUR 30 a month), and Linus for the first time.
        services.Clock.AdjustTime(new DateTimeOffset(2026, 2, 10, 12, 0, 0, TimeSpan.Zero));
        await GiveAsync(services, "ada@example.org", "Quarterly", "90");
        await GiveAsync(services, "linus@example.org", "Monthly", "30");
        // March 2026: Grace pauses, Alan cancels because he cannot afford it.
        services.Clock.AdjustTime(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        Assert.IsType<ChangeResult.Changed>(await ChangeAsync(services, grace, (c, r) => c.PauseAsync(r, 2, None)));
        Assert.IsType<ChangeResult.Changed>(await ChangeAsync(services, alan, (c, r) => c.CancelAsync(r, "cannot_afford", null, None)));

        var today = new DateOnly(2026, 3, 10);
        var year = await services.InScopeAsync(scope => scope.GetRequiredService<FundraisingFigures>().YearAsync(2026, null, today, None));
        var eur = Assert.Single(year.Currencies);
        Assert.Equal(3, eur.Months.Count);
        var (january, february, march) = (eur.Months[0], eur.Months[1], eur.Months[2]);
        Assert.Equal((3L, 9_000L, 0L), (january.Running, january.Monthly.Minor, january.Started));
        Assert.Equal((5L, 15_000L, 2L), (february.Running, february.Monthly.Minor, february.Started));
        Assert.Equal((2L, 12_000L, 6_000L), (february.Gifts, february.Gross.Minor, february.AverageGift!.Value.Minor));
        Assert.Equal((2L, 1L, 1L), (february.Donors, february.FirstTime, february.RetainedSoFar));
        Assert.Equal((4L, 9_000L), (march.Running, march.Monthly.Minor));
        Assert.Equal((1L, 0L, 1L, 0L), (march.Paused, march.Resumed, march.Cancelled, march.Ended));
        Assert.Equal(20.0m, march.ChurnPercent);
        Assert.Equal(0.0m, january.ChurnPercent);
        Assert.Equal([new CancelReasonCount("cannot_afford", 1)], eur.CancelReasons);
        Assert.Equal((3L, 1L, 33.3m, 2L), (eur.DonorsLastYear, eur.Retained, eur.RetentionPercent, eur.Lapsed));

        var last = await services.InScopeAsync(scope => scope.GetRequiredService<FundraisingFigures>().YearAsync(2025, null, today, None));
        var june = Assert.Single(last.Currencies).Months[5];
        Assert.Equal((3L, 3L, 3L, 9_000L), (june.Started, june.FirstTime, june.Gifts, june.Gross.Minor));
        Assert.Equal(12, last.Currencies[0].Months.Count);

        // The figures are the events counted: the check finds nothing, and a rebuild from the records gives the same.
        var check = await services.Get<LedgerTotals>().CheckAsync(None);
        Assert.True(check.Agreed, check.Summary);
        Assert.Empty(await services.Get<LedgerTotals>().RebuildAsync(None));
        var again = await services.InScopeAsync(scope => scope.GetRequiredService<FundraisingFigures>().YearAsync(2026, null, today, None));
        Assert.Equal(JsonSerializer.Serialize(year), JsonSerializer.Serialize(again));

        // Lapsed: gave last year, not this year: Grace and Alan, as many as the retention figures leave.
        await using var db = services.CreateContext();
        var lapsed = await FundraisingLists.Lapsed(db, today, null).Select(d => d.Email).OrderBy(e => e).ToListAsync();
        Assert.Equal(["alan@example.org", "grace@example.org"], lapsed);
        Assert.Equal(eur.Lapsed, lapsed.Count);
        var update = new ImpactUpdate { Title = "t", BodyMarkdown = "b", CreatedBy = "c", AudienceKind = UpdateAudienceKind.LapsedDonors };
        Assert.Equal(2, await UpdateAudience.CountAsync(db, update, today.ToDateTime(TimeOnly.MinValue), None));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Past_due_and_expiring_cards_are_lists_and_audiences_and_each_donor_keeps_the_date_of_their_last_gift(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var ada = await GiveAsync(services, "ada@example.org", "Monthly", "30");
        var grace = await GiveAsync(services, "grace@example.org", "Yearly", "120");
        var today = new DateOnly(2026, 3, 10);
        await using (var db = services.CreateContext())
        {
            var adas = await db.Sponsorships.SingleAsync(s => s.Id == ada);
            adas.CardExpiresOn = new DateOnly(2026, 4, 30);
            var graces = await db.Sponsorships.SingleAsync(s => s.Id == grace);
            graces.Status = SponsorshipStatus.PastDue;
            graces.PastDueSince = DateTime.UtcNow;
            await db.SaveChangesAsync();
        }

        await using (var db = services.CreateContext())
        {
            Assert.Equal(["ada@example.org"], await Emails(FundraisingLists.Donors(db, FundraisingList.ExpiringCards, today, null)));
            Assert.Equal(["grace@example.org"], await Emails(FundraisingLists.Donors(db, FundraisingList.PastDue, today, null)));
            var update = new ImpactUpdate { Title = "t", BodyMarkdown = "b", CreatedBy = "c", AudienceKind = UpdateAudienceKind.PastDue };
            Assert.Equal(["grace@example.org"], await Emails(UpdateAudience.Donors(db, update, DateTime.UtcNow)));
            update.Topic = MailTopics.Appeals;
            Assert.Empty(await Emails(UpdateAudience.Donors(db, update, DateTime.UtcNow)));
        }

        // Past due stops the monthly promise (EUR 120 a year is EUR 10 a month) but not the sponsorship.
        var year = await services.InScopeAsync(scope => scope.GetRequiredService<FundraisingFigures>().YearAsync(2026, null, today, None));
        var march = year.Currencies[0].Months[2];
        Assert.Equal((2L, 3_000L, 2L), (march.Running, march.Monthly.Minor, march.Started));
        var check = await services.Get<LedgerTotals>().CheckAsync(None);
        Assert.True(check.Agreed, check.Summary);
        await using (var db = services.CreateContext())
        {
            Assert.All(await db.Donors.ToListAsync(), d => Assert.Equal(today, d.LastGiftOn));
        }
    }

    private static async Task<List<string>> Emails(IQueryable<Portal.Core.Donors.Donor> donors) =>
        await donors.Select(d => d.Email).OrderBy(e => e).ToListAsync();

    private static async Task<Guid> GiveAsync(PortalServices services, string email, string interval, string amount)
    {
        var (sponsorshipId, session) = await MoneyPath.StartAsync(services, interval: interval, amount: amount, email: email);
        Assert.IsType<SandboxPayResult.Paid>(await MoneyPath.PayAsync(services, session));
        await MoneyPath.ApplyAllAsync(services);
        return sponsorshipId;
    }

    private static async Task<ChangeResult> ChangeAsync(
        PortalServices services, Guid sponsorshipId, Func<SponsorshipChanges, ChangeRequest, Task<ChangeResult>> change)
    {
        await using var db = services.CreateContext();
        var sponsorship = await db.Sponsorships.AsNoTracking().SingleAsync(s => s.Id == sponsorshipId);
        return await services.InScopeAsync(scope => change(
            scope.GetRequiredService<SponsorshipChanges>(), new ChangeRequest(sponsorship.DonorId, sponsorshipId, sponsorship.Version)));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Donors.Care;
using Portal.Core.Funds;
using Portal.Core.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Sponsorships;

/// <summary>A new interval starts where the paid period ends: nothing charged twice, no period left out.</summary>
public class SponsorshipIntervalChangeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_next_payment_stays_at_the_end_of_the_paid_period_and_the_periods_follow_the_new_interval(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);

        var result = await scenario.ChangeAsync((changes, request) => changes.ChangeIntervalAsync(request, SponsorshipInterval.Yearly, None));

        Assert.Equal(
            "You now give every year. Your next payment is on 10 April 2026.", Assert.IsType<ChangeResult.Changed>(result).Message.ToString());
        var s = await scenario.LoadAsync();
        Assert.Equal((SponsorshipInterval.Yearly, (DateOnly?)new DateOnly(2026, 4, 10)), (s.Interval, s.NextPeriodStart));
        services.Clock.Advance(TimeSpan.FromDays(31)); // 10 April
        await scenario.ClaimDueAsync();
        Assert.Equal(new DateOnly(2027, 4, 10), (await scenario.LoadAsync()).NextPeriodStart);
        await using var db = services.CreateContext();
        var record = await db.AuditRecords.SingleAsync();
        Assert.Equal(("sponsorship.interval-changed", "interval Monthly -> Yearly; next period 2026-04-10"), (record.Action, record.Details));
        var mail = await db.OutboundEmails.SingleAsync();
        Assert.Equal(SponsorshipChangeEmails.Key(scenario.SponsorshipId, s.Version - 1), mail.IdempotencyKey);
        Assert.Equal("How often you give to nairobi has changed", mail.Subject);
        Assert.Contains("every year", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task After_a_paid_year_monthly_skips_and_resumes_count_from_the_end_of_that_year(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);
        await scenario.ChangeAsync((changes, request) => changes.ChangeIntervalAsync(request, SponsorshipInterval.Yearly, None));
        services.Clock.Advance(TimeSpan.FromDays(31)); // 10 April 2026: the year to April 2027 is paid
        await scenario.ClaimDueAsync();

        await scenario.ChangeAsync((changes, request) => changes.ChangeIntervalAsync(request, SponsorshipInterval.Monthly, None));
        var skipped = await scenario.ChangeAsync((changes, request) => changes.SkipNextAsync(request, None)); // April 2027
        services.Clock.Advance(TimeSpan.FromDays(235)); // 1 December 2026
        await scenario.ChangeAsync((changes, request) => changes.PauseAsync(request, 6, None)); // until 1 June 2027
        services.Clock.Advance(TimeSpan.FromDays(50)); // 20 January 2027, inside the paid year
        var resumed = await scenario.ChangeAsync((changes, request) => changes.ResumeAsync(request, None));

        Assert.IsType<ChangeResult.Changed>(skipped);
        Assert.IsType<ChangeResult.Changed>(resumed);
        var s = await scenario.LoadAsync();
        Assert.Equal((SponsorshipInterval.Monthly, (DateOnly?)new DateOnly(2027, 4, 10)), (s.Interval, s.NextPeriodStart));
        Assert.Equal([new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 10)], await scenario.ClaimedPeriodsAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Only_an_interval_the_fund_offers_and_not_while_paused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);
        await using (var db = services.CreateContext())
        {
            var nairobi = await db.Funds.SingleAsync(f => f.Slug == "nairobi");
            nairobi.Intervals = FundIntervals.Monthly | FundIntervals.Quarterly;
            await db.SaveChangesAsync();
        }

        var notOffered = await scenario.ChangeAsync((changes, request) => changes.ChangeIntervalAsync(request, SponsorshipInterval.Yearly, None));
        var once = await scenario.ChangeAsync((changes, request) => changes.ChangeIntervalAsync(request, SponsorshipInterval.Once, None));
        var same = await scenario.ChangeAsync((changes, request) => changes.ChangeIntervalAsync(request, SponsorshipInterval.Monthly, None));
        await scenario.ChangeAsync((changes, request) => changes.PauseAsync(request, 2, None));
        var paused = await scenario.ChangeAsync((changes, request) => changes.ChangeIntervalAsync(request, SponsorshipInterval.Quarterly, None));

        Assert.Equal(
            [
                "nairobi does not take gifts this often. Choose another interval.",
                "Choose monthly, quarterly or yearly.",
                "That is already how often you give.",
                "It is paused until 10 May 2026. Resume it first.",
            ],
            new[] { notOffered, once, same, paused }.Select(r => Assert.IsType<ChangeResult.Refused>(r).Message.ToString()));
        Assert.Equal(SponsorshipInterval.Monthly, (await scenario.LoadAsync()).Interval);
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Donor_care_changes_it_with_a_reason_and_a_stale_form_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);
        var seen = (await scenario.LoadAsync()).Version;
        var staff = new StaffActor("staff-1", "Grace Care", "donor phoned");

        var changed = await services.InScopeAsync(scope => scope.GetRequiredService<SponsorshipChanges>().ChangeIntervalAsync(
            new ChangeRequest(scenario.DonorId, scenario.SponsorshipId, seen, Staff: staff), SponsorshipInterval.Quarterly, None));
        var stale = await services.InScopeAsync(scope => scope.GetRequiredService<SponsorshipChanges>().ChangeIntervalAsync(
            new ChangeRequest(scenario.DonorId, scenario.SponsorshipId, seen, Staff: staff), SponsorshipInterval.Yearly, None));

        Assert.IsType<ChangeResult.Changed>(changed);
        Assert.IsType<ChangeResult.ChangedMeanwhile>(stale);
        Assert.Equal(SponsorshipInterval.Quarterly, (await scenario.LoadAsync()).Interval);
        await using var db = services.CreateContext();
        var record = await db.AuditRecords.SingleAsync();
        Assert.Equal(("staff-1", "Grace Care"), (record.ActorId, record.ActorName));
        Assert.EndsWith("reason: donor phoned", record.Details, StringComparison.Ordinal);
        Assert.Contains("Our donor care team made this change for you", (await db.OutboundEmails.SingleAsync()).TextBody, StringComparison.Ordinal);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Sponsorships;

public class SponsorshipChangesTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_pause_leaves_out_the_periods_it_covers_and_is_audited(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);

        var result = await scenario.ChangeAsync((changes, request) => changes.PauseAsync(request, 2, None));

        Assert.IsType<ChangeResult.Changed>(result);
        var s = await scenario.LoadAsync();
        Assert.Equal(SponsorshipStatus.Paused, s.Status);
        Assert.Equal(new DateOnly(2026, 5, 10), s.PausedUntil);
        Assert.Equal(new DateOnly(2026, 5, 10), s.NextPeriodStart);
        await using var db = services.CreateContext();
        var record = await db.AuditRecords.SingleAsync();
        Assert.Equal(
            ("sponsorship.paused", $"donor:{scenario.DonorId}", "ada@example.org", $"sponsorship:{scenario.SponsorshipId}"),
            (record.Action, record.ActorId, record.ActorName, record.Subject));
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Resuming_early_charges_from_the_next_period_not_the_ones_paused_nor_the_one_paid(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);
        services.Clock.Advance(TimeSpan.FromDays(31)); // 10 April: the April period is claimed
        await scenario.ClaimDueAsync();
        await scenario.ChangeAsync((changes, request) => changes.PauseAsync(request, 6, None));
        services.Clock.Advance(TimeSpan.FromDays(40)); // 20 May: May's period was left out by the pause

        var result = await scenario.ChangeAsync((changes, request) => changes.ResumeAsync(request, None));

        Assert.IsType<ChangeResult.Changed>(result);
        var s = await scenario.LoadAsync();
        Assert.Equal((SponsorshipStatus.Active, (DateOnly?)null, (DateOnly?)new DateOnly(2026, 6, 10)), (s.Status, s.PausedUntil, s.NextPeriodStart));
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Skips_move_the_next_period_on_at_most_three_in_a_row(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);

        for (var i = 0; i < SponsorshipChanges.MaxSkipsInARow; i++)
        {
            Assert.IsType<ChangeResult.Changed>(await scenario.ChangeAsync((changes, request) => changes.SkipNextAsync(request, None)));
        }

        var fourth = await scenario.ChangeAsync((changes, request) => changes.SkipNextAsync(request, None));

        Assert.Contains("At most 3 payments in a row", Assert.IsType<ChangeResult.Refused>(fourth).Message.ToString(), StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 7, 10), (await scenario.LoadAsync()).NextPeriodStart);
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_period_already_claimed_cannot_be_skipped(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);
        await scenario.AddChargeAsync(new DateOnly(2026, 4, 10), ChargeStatus.InFlight);

        var result = await scenario.ChangeAsync((changes, request) => changes.SkipNextAsync(request, None));

        Assert.Contains("already under way", Assert.IsType<ChangeResult.Refused>(result).Message.ToString(), StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 4, 10), (await scenario.LoadAsync()).NextPeriodStart);
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_amount_follows_the_sponsor_forms_limits_and_keeps_covering_the_fee(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);

        var tooSmall = await scenario.ChangeAsync((changes, request) => changes.ChangeAmountAsync(request, "4.99", None));
        var tooPrecise = await scenario.ChangeAsync((changes, request) => changes.ChangeAmountAsync(request, "45.555", None));
        var good = await scenario.ChangeAsync((changes, request) => changes.ChangeAmountAsync(request, " 45.50 ", None));

        Assert.Equal("Amount", Assert.IsType<ChangeResult.Refused>(tooSmall).Field);
        Assert.Contains("at most 2 decimals", Assert.IsType<ChangeResult.Refused>(tooPrecise).Message.ToString(), StringComparison.Ordinal);
        Assert.IsType<ChangeResult.Changed>(good);
        var s = await scenario.LoadAsync();
        Assert.Equal((4550L, 0L), (s.AmountMinor, s.FeeCoverMinor));
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_fund_changes_only_to_an_open_fund_and_not_while_a_payment_is_under_way(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);

        var closed = await scenario.ChangeAsync((changes, request) => changes.ChangeFundAsync(request, "old", None));
        var same = await scenario.ChangeAsync((changes, request) => changes.ChangeFundAsync(request, "nairobi", None));
        var open = await scenario.ChangeAsync((changes, request) => changes.ChangeFundAsync(request, "lima", None));
        await scenario.AddChargeAsync(new DateOnly(2026, 4, 10), ChargeStatus.Processing);

        var underWay = await scenario.ChangeAsync((changes, request) => changes.ChangeFundAsync(request, "nairobi", None));

        Assert.Equal("FundSlug", Assert.IsType<ChangeResult.Refused>(closed).Field);
        Assert.Contains("already goes to", Assert.IsType<ChangeResult.Refused>(same).Message.ToString(), StringComparison.Ordinal);
        Assert.IsType<ChangeResult.Changed>(open);
        Assert.Contains("under way", Assert.IsType<ChangeResult.Refused>(underWay).Message.ToString(), StringComparison.Ordinal);
        await using var check = services.CreateContext();
        Assert.Equal("lima", await check.Funds.Where(f => f.Id == check.Sponsorships.Single(s => s.Id == scenario.SponsorshipId).FundId)
            .Select(f => f.Slug)
            .SingleAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_fund_changes_only_to_one_that_takes_gifts_as_often_as_the_sponsorship_gives(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);
        await using (var db = services.CreateContext())
        {
            var lima = await db.Funds.SingleAsync(f => f.Slug == "lima");
            lima.Intervals = Portal.Core.Funds.FundIntervals.Once | Portal.Core.Funds.FundIntervals.Yearly;
            await db.SaveChangesAsync();
        }

        var refused = await scenario.ChangeAsync((changes, request) => changes.ChangeFundAsync(request, "lima", None));

        var refusal = Assert.IsType<ChangeResult.Refused>(refused);
        Assert.Equal("FundSlug", refusal.Field);
        Assert.Contains("does not take gifts this often", refusal.Message.ToString(), StringComparison.Ordinal);
        Assert.Equal(SponsorshipInterval.Monthly, (await scenario.LoadAsync()).Interval);
        await using var check = services.CreateContext();
        Assert.Equal("nairobi", await check.Funds.Where(f => f.Id == check.Sponsorships.Single(s => s.Id == scenario.SponsorshipId).FundId)
            .Select(f => f.Slug).SingleAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_new_charge_day_keeps_the_next_periods_month(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);

        var bad = await scenario.ChangeAsync((changes, request) => changes.ChangeChargeDayAsync(request, 32, None));
        var good = await scenario.ChangeAsync((changes, request) => changes.ChangeChargeDayAsync(request, 31, None));

        Assert.Equal("ChargeDay", Assert.IsType<ChangeResult.Refused>(bad).Field);
        Assert.IsType<ChangeResult.Changed>(good);
        var s = await scenario.LoadAsync();
        Assert.Equal((31, (DateOnly?)new DateOnly(2026, 4, 30)), (s.ChargeDay, s.NextPeriodStart));
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Cancelling_needs_a_reason_ends_the_promise_and_stops_retries_of_a_declined_payment(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);
        await scenario.AddChargeAsync(new DateOnly(2026, 2, 10), ChargeStatus.Failed, retryNow: true);

        var noReason = await scenario.ChangeAsync((changes, request) => changes.CancelAsync(request, null, "bye", None));
        var tooLong = await scenario.ChangeAsync((changes, request) => changes.CancelAsync(request, "other", new string('x', 501), None));
        var done = await scenario.ChangeAsync((changes, request) => changes.CancelAsync(request, "cannot_afford", "  Times are hard.  ", None));

        Assert.Equal("CancelReasonCode", Assert.IsType<ChangeResult.Refused>(noReason).Field);
        Assert.Equal("CancelReason", Assert.IsType<ChangeResult.Refused>(tooLong).Field);
        Assert.IsType<ChangeResult.Changed>(done);
        var s = await scenario.LoadAsync();
        Assert.Equal(
            (SponsorshipStatus.Cancelled, "cannot_afford", "Times are hard.", (DateOnly?)null),
            (s.Status, s.CancelReasonCode, s.CancelReason, s.NextPeriodStart));
        Assert.NotNull(s.EndedAt);
        await using var check = services.CreateContext();
        Assert.False(await check.Charges.AnyAsync(c => c.NextRetryAt != null));
        Assert.Equal(1, await check.AuditRecords.CountAsync());
    }

    [Theory]
    [InlineData(SponsorshipStatus.Pending, "has not gone through yet")]
    [InlineData(SponsorshipStatus.Cancelled, "has ended")]
    [InlineData(SponsorshipStatus.Completed, "has ended")]
    [InlineData(SponsorshipStatus.Failed, "did not go through")]
    public async Task An_unstarted_or_ended_sponsorship_takes_no_change(SponsorshipStatus status, string message)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services, status);

        var results = new[]
        {
            await scenario.ChangeAsync((changes, request) => changes.PauseAsync(request, 1, None)),
            await scenario.ChangeAsync((changes, request) => changes.SkipNextAsync(request, None)),
            await scenario.ChangeAsync((changes, request) => changes.ChangeAmountAsync(request, "40", None)),
            await scenario.ChangeAsync((changes, request) => changes.ChangeChargeDayAsync(request, 3, None)),
            await scenario.ChangeAsync((changes, request) => changes.CancelAsync(request, "other", null, None)),
        };

        Assert.All(results, result =>
            Assert.Contains(message, Assert.IsType<ChangeResult.Refused>(result).Message.ToString(), StringComparison.Ordinal));
        Assert.Equal(status, (await scenario.LoadAsync()).Status);
    }

    [Fact]
    public async Task A_past_due_sponsorship_may_change_its_terms_or_cancel_but_not_pause_or_skip()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services, SponsorshipStatus.PastDue);

        Assert.IsType<ChangeResult.Refused>(await scenario.ChangeAsync((changes, request) => changes.PauseAsync(request, 1, None)));
        Assert.IsType<ChangeResult.Refused>(await scenario.ChangeAsync((changes, request) => changes.SkipNextAsync(request, None)));
        Assert.IsType<ChangeResult.Changed>(await scenario.ChangeAsync((changes, request) => changes.ChangeAmountAsync(request, "20", None)));
        Assert.IsType<ChangeResult.Changed>(await scenario.ChangeAsync((changes, request) => changes.ChangeChargeDayAsync(request, 1, None)));
        Assert.IsType<ChangeResult.Changed>(
            await scenario.ChangeAsync((changes, request) => changes.CancelAsync(request, "payment_problems", null, None)));
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Another_donors_sponsorship_is_not_found(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);
        var grace = await SponsorshipScenario.CreateAsync(services, email: "grace@example.org");

        var result = await scenario.ChangeAsync((changes, request) => changes.CancelAsync(request, "other", null, None), asDonor: grace.DonorId);

        Assert.IsType<ChangeResult.NotFound>(result);
        Assert.Equal(SponsorshipStatus.Active, (await scenario.LoadAsync()).Status);
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_stale_form_or_a_concurrent_change_is_told_to_look_again(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);
        var seen = (await scenario.LoadAsync()).Version;
        await scenario.ChangeAsync((changes, request) => changes.ChangeAmountAsync(request, "40", None));

        var stale = await services.InScopeAsync(scope => scope.GetRequiredService<SponsorshipChanges>()
            .SkipNextAsync(new ChangeRequest(scenario.DonorId, scenario.SponsorshipId, seen), None));
        var version = (await scenario.LoadAsync()).Version;
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => services.InScopeAsync(scope =>
            scope.GetRequiredService<SponsorshipChanges>()
                .ChangeChargeDayAsync(new ChangeRequest(scenario.DonorId, scenario.SponsorshipId, version), 11 + i, None))));

        Assert.IsType<ChangeResult.ChangedMeanwhile>(stale);
        Assert.Single(racing, r => r is ChangeResult.Changed);
        Assert.All(racing.Where(r => r is not ChangeResult.Changed), r => Assert.IsType<ChangeResult.ChangedMeanwhile>(r));
        await using var db = services.CreateContext();
        Assert.Equal(2, await db.AuditRecords.CountAsync());
    }
}

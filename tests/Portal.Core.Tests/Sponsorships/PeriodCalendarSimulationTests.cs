using Portal.Core.Data;
using Portal.Core.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Sponsorships;

/// <summary>
/// Random sequences of a donor's pauses, resumes, skips and day changes, with the charge run claiming due periods
/// every day for 24 months. Whatever the donor did: never two charges in one month, every charge in its own month
/// (nothing charged after the fact), and every month without a charge is one the donor left out on purpose.
/// </summary>
public class PeriodCalendarSimulationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static TheoryData<DatabaseProvider, int> Runs => new()
    {
        { DatabaseProvider.Sqlite, 1 },
        { DatabaseProvider.Sqlite, 2 },
        { DatabaseProvider.Sqlite, 3 },
        { DatabaseProvider.PostgreSql, 4 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Any_sequence_of_changes_charges_each_month_at_most_once_and_leaves_out_only_what_the_donor_chose(
        DatabaseProvider provider,
        int seed)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var scenario = await SponsorshipScenario.CreateAsync(services);
        var random = new Random(seed);
        var leftOut = new HashSet<(int, int)>();
        var claims = new List<(DateOnly Period, DateOnly ClaimedOn)> { (SponsorshipScenario.Started, SponsorshipScenario.Started) };

        for (var day = 0; day < 730; day++)
        {
            if (random.Next(12) == 0)
            {
                var before = (await scenario.LoadAsync()).NextPeriodStart!.Value;
                var result = await scenario.ChangeAsync(RandomChange(random));
                var after = (await scenario.LoadAsync()).NextPeriodStart!.Value;
                Assert.True(result is ChangeResult.Changed || before == after, $"a refused change moved the next period ({result})");
                // A donor's change that moves the next period on leaves out the months in between; one that brings it
                // back (a resume) puts them back in.
                for (var month = Month(before); month < Month(after); month = month.AddMonths(1))
                {
                    leftOut.Add((month.Year, month.Month));
                }

                for (var month = Month(after); month < Month(before); month = month.AddMonths(1))
                {
                    leftOut.Remove((month.Year, month.Month));
                }
            }

            claims.AddRange((await scenario.ClaimDueAsync()).Select(period => (period, scenario.Today)));
            services.Clock.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(claims.Select(c => c.Period).Order(), await scenario.ClaimedPeriodsAsync());
        Assert.All(claims.GroupBy(c => Month(c.Period)), month => Assert.Single(month));
        Assert.All(claims, c => Assert.Equal(Month(c.Period), Month(c.ClaimedOn)));
        var next = (await scenario.LoadAsync()).NextPeriodStart!.Value;
        for (var month = Month(SponsorshipScenario.Started); month < Month(next); month = month.AddMonths(1))
        {
            var charged = claims.Any(c => Month(c.Period) == month);
            Assert.True(
                charged ^ leftOut.Contains((month.Year, month.Month)),
                $"{month:yyyy-MM}: charged {charged}, left out by the donor {leftOut.Contains((month.Year, month.Month))}");
        }

        Assert.True(claims.Count >= 6, $"only {claims.Count} periods charged in 24 months");
    }

    private static Func<SponsorshipChanges, ChangeRequest, Task<ChangeResult>> RandomChange(Random random)
    {
        var months = random.Next(1, SponsorshipChanges.MaxPauseMonths + 1);
        var chargeDay = random.Next(1, 32);
        return random.Next(4) switch
        {
            0 => (changes, request) => changes.PauseAsync(request, months, None),
            1 => (changes, request) => changes.ResumeAsync(request, None),
            2 => (changes, request) => changes.SkipNextAsync(request, None),
            _ => (changes, request) => changes.ChangeChargeDayAsync(request, chargeDay, None),
        };
    }

    private static DateOnly Month(DateOnly date) => new(date.Year, date.Month, 1);
}

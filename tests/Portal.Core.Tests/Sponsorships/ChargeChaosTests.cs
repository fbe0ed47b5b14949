using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Payments.Events;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Runs;
using Portal.FakeStripe;
using Portal.Testing;
using Xunit.Abstractions;

namespace Portal.Core.Tests.Sponsorships;

/// <summary>
/// A year of monthly charge runs for 300 sponsorships, with two workers (two service containers on one database, as
/// two processes would be) racing each run, one of them killed at a random moment, 5 % gateway faults (a timeout
/// after Stripe charged, a 5xx after it charged, a 429), and Stripe's events delivered late, twice and out of order.
/// It must end with every period charged exactly once and a balanced ledger. Each provider's year is a class of its
/// own: xunit runs one class's tests one after another, and the two years, minutes each, run side by side.
/// </summary>
public abstract class ChargeChaosTests(ITestOutputHelper output)
{
    private const int Sponsorships = 300;
    private const int Months = 12;

    protected async Task RunYearAsync(DatabaseProvider provider)
    {
        var random = new Random(20261125);
        var settings = new Dictionary<string, string?>
        {
            ["Charges:BatchSize"] = "100",
            ["Charges:MaxConcurrency"] = "8",
            ["Charges:MaxTransientTries"] = "3",
            // A cancelled run here stands for a killed process: no grace to finish its batch (GracefulStopTests has that).
            ["Charges:StopGrace"] = "00:00:00",
            ["Stripe:TimeoutSeconds"] = "1",
        };
        await using var first = await Recurring.CreateAsync(provider, settings);
        await using var second = PortalServices.Create(first.Database, Settings(first, settings));
        var stripe = first.Stripe;

        // Charge days 1-31, so month ends and February are part of the year.
        var startMonth = new DateOnly(2026, 4, 1);
        var amounts = new Dictionary<Guid, long>();
        for (var i = 0; i < Sponsorships; i++)
        {
            var day = (i % 31) + 1;
            var amount = 500 + (i % 50 * 100);
            var method = i % 2 == 0 ? TestPaymentMethods.Visa : TestPaymentMethods.Mastercard;
            amounts[await first.AddAsync(method, ChargeSchedule.Occurrence(startMonth.Year, startMonth.Month, day), day, amount)] = amount;
        }

        stripe.Faults.TimeoutHold = TimeSpan.FromSeconds(2);
        stripe.Faults.Random(0.05, [FaultKind.TimeoutAfterExecution, FaultKind.ServerErrorAfterExecution, FaultKind.RateLimit], seed: 7,
            filter: context => context.Path.StartsWith("/v1/payment_intents", StringComparison.Ordinal));
        var delivered = 0;
        for (var month = 0; month < Months; month++)
        {
            var monthStart = startMonth.AddMonths(month);
            var lastDay = new DateOnly(monthStart.Year, monthStart.Month, DateTime.DaysInMonth(monthStart.Year, monthStart.Month));
            var at = new DateTimeOffset(lastDay.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            first.Services.Clock.SetUtcNow(at);
            second.Clock.SetUtcNow(at);

            // Both workers start the month's run at once; one of them is killed at a random moment.
            using var kill = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(10, 600)));
            var events = stripe.Events.Skip(delivered).ToList();
            delivered += events.Count;
            var killed = RunAsync(first.Services, kill.Token);
            var survivor = RunAsync(second, CancellationToken.None);
            var late = DeliverShuffledAsync(first.Services, events, random);
            await Task.WhenAll(killed, survivor, late);

            // Later runs of the same day pick up what the killed worker and the faults left in flight.
            for (var pass = 0; pass < 10 && await InFlightAsync(first.Services) > 0; pass++)
            {
                first.Services.Clock.Advance(TimeSpan.FromMinutes(5));
                second.Clock.Advance(TimeSpan.FromMinutes(5));
                await Task.WhenAll(RunAsync(first.Services, CancellationToken.None), RunAsync(second, CancellationToken.None));
            }

            output.WriteLine(
                $"{provider} {monthStart:yyyy-MM}: {await SucceededAsync(first.Services)} charges, {stripe.Faults.Injected} faults so far");
        }

        stripe.Faults.StopRandom();
        var remaining = stripe.Events.Skip(delivered).ToList();
        await DeliverShuffledAsync(first.Services, remaining, random);
        await first.Services.Get<ApplyGatewayEvents>().ApplyDueAsync(CancellationToken.None);

        Assert.True(stripe.Faults.Injected > 100, $"only {stripe.Faults.Injected} faults were injected");
        await using var db = first.Services.CreateContext();
        var charges = await db.Charges.AsNoTracking().ToListAsync();

        // No period charged twice: one row per (sponsorship, period) by the unique claim, one payment per row at Stripe.
        var atStripe = first.SucceededAtStripe();
        Assert.Equal(0, atStripe.Values.Count(count => count > 1));
        Assert.Equal(Sponsorships * Months, stripe.PaymentIntents.Count(pi => pi.Status == "succeeded"));

        // No period missed: every sponsorship paid once in each of the twelve months.
        Assert.Empty(charges.Where(c => c.Status != ChargeStatus.Succeeded).Select(c => $"{c.Id} {c.Status} {c.DeclineCode}"));
        Assert.Equal(Sponsorships * Months, charges.Count);
        foreach (var group in charges.GroupBy(c => c.SponsorshipId))
        {
            Assert.Equal(Months, group.Select(c => (c.PeriodStart.Year * 12) + c.PeriodStart.Month).Distinct().Count());
            Assert.All(group, c => Assert.True(atStripe.ContainsKey(c.Id.ToString())));
        }

        // The ledger holds every gift once and balances.
        await first.AssertLedgerBalancedAsync();
        Assert.Equal(amounts.Values.Sum() * Months, await first.FundIncomeAsync());
        Assert.Equal(Sponsorships * Months, await db.JournalEntries.CountAsync(e => e.ChargeId != null));
        Assert.Equal(Sponsorships * Months, await db.OutboundEmails.CountAsync(m => m.IdempotencyKey.StartsWith("receipt:")));
    }

    private static async Task RunAsync(PortalServices services, CancellationToken cancellationToken)
    {
        try
        {
            await services.InScopeAsync(scope => scope.GetRequiredService<ChargeRunner>().RunAsync("chaos", cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The killed worker.
        }
    }

    /// <summary>Stripe delivers at least once and in any order: every event, a fifth of them twice, shuffled, applied as they come.</summary>
    private static async Task DeliverShuffledAsync(PortalServices services, List<FakeEvent> events, Random random)
    {
        var deliveries = events.Concat(events.Where(_ => random.Next(5) == 0)).OrderBy(_ => random.Next()).ToList();
        foreach (var stored in deliveries)
        {
            await services.InScopeAsync(scope => scope.GetRequiredService<EventInbox>()
                .RecordAsync("stripe", stored.Id, stored.Type, stored.Json, DateTime.UtcNow, CancellationToken.None));
        }

        await services.Get<ApplyGatewayEvents>().ApplyDueAsync(CancellationToken.None);
    }

    private static async Task<int> InFlightAsync(PortalServices services)
    {
        await using var db = services.CreateContext();
        return await db.Charges.CountAsync(c => c.Status == ChargeStatus.InFlight);
    }

    private static async Task<int> SucceededAsync(PortalServices services)
    {
        await using var db = services.CreateContext();
        return await db.Charges.CountAsync(c => c.Status == ChargeStatus.Succeeded);
    }

    private static Dictionary<string, string?> Settings(Recurring first, Dictionary<string, string?> extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["Payments:Gateway"] = "Stripe",
            ["Stripe:SecretKey"] = first.Stripe.ApiKey,
            ["Stripe:WebhookSecret"] = Recurring.WebhookSecret,
            ["Stripe:ApiBase"] = first.Stripe.BaseUrl,
            ["Stripe:TimeoutSeconds"] = "1",
            ["Charges:RequestsPerSecond"] = "1000",
            ["Charges:TransientBackoff"] = "00:00:00.005",
        };
        foreach (var (key, value) in extra)
        {
            values[key] = value;
        }

        return values;
    }
}

[StartFirst]
public sealed class ChargeChaosOnSqliteTests(ITestOutputHelper output) : ChargeChaosTests(output)
{
    [SkippableFact]
    public Task A_year_of_runs_with_two_workers_faults_kills_and_shuffled_events_charges_every_period_exactly_once() =>
        RunYearAsync(DatabaseProvider.Sqlite);
}

[StartFirst]
public sealed class ChargeChaosOnPostgreSqlTests(ITestOutputHelper output) : ChargeChaosTests(output)
{
    [SkippableFact]
    public Task A_year_of_runs_with_two_workers_faults_kills_and_shuffled_events_charges_every_period_exactly_once() =>
        RunYearAsync(DatabaseProvider.PostgreSql);
}

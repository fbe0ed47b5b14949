using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications;
using Portal.Core.Data;
using Portal.Core.Payments;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Dunning;
using Portal.Core.Sponsorships.Runs;
using Portal.Core.Tests.Data;
using Portal.FakeStripe;
using Portal.Testing;

namespace Portal.Core.Tests.Sponsorships;

/// <summary>The charge run against the fake Stripe through the real client: each due period charged once, whatever happens.</summary>
public class ChargeRunTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Due_periods_are_charged_once_posted_once_and_receipted_once(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var today = recurring.Today;
        var due = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            due.Add(await recurring.AddAsync(amountMinor: 1000 + i));
        }

        var later = await recurring.AddAsync(next: today.AddDays(1));

        var run = await recurring.RunAsync();
        var again = await recurring.RunAsync();

        Assert.Equal(ChargeRunStatus.Finished, run.Status);
        Assert.Equal(7, run.Due);
        Assert.Equal(7, run.Succeeded);
        Assert.Equal(0, run.Remaining);
        Assert.Equal(0, again.Due);
        var charges = await recurring.ChargesAsync();
        Assert.Equal(7, charges.Count);
        Assert.All(charges, c => Assert.Equal(ChargeStatus.Succeeded, c.Status));
        Assert.All(charges, c => Assert.Equal(today, c.PeriodStart));
        Assert.All(charges, c => Assert.NotNull(c.ReceiptNumber));
        Assert.Empty(await recurring.ChargesAsync(later));
        Assert.All(recurring.SucceededAtStripe().Values, count => Assert.Equal(1, count));
        Assert.Equal(7, recurring.SucceededAtStripe().Count);
        Assert.Equal(7 * 1000 + 21, await recurring.FundIncomeAsync());
        await recurring.AssertLedgerBalancedAsync();
        foreach (var id in due)
        {
            var sponsorship = await recurring.SponsorshipAsync(id);
            Assert.Equal(ChargeSchedule.Next(today, SponsorshipInterval.Monthly, today.Day), sponsorship.NextPeriodStart);
        }

        await using var db = recurring.Services.CreateContext();
        Assert.Equal(7, await db.OutboundEmails.CountAsync(m => m.IdempotencyKey.StartsWith("receipt:")));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Two_runners_at_the_same_moment_charge_each_period_once(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider, new Dictionary<string, string?> { ["Charges:BatchSize"] = "7" });
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add(await recurring.AddAsync());
        }

        recurring.Stripe.Latency = TimeSpan.FromMilliseconds(5);
        var runs = await Task.WhenAll(recurring.RunAsync(), recurring.RunAsync(), recurring.RunAsync());

        var charges = await recurring.ChargesAsync();
        Assert.Equal(40, charges.Count);
        Assert.All(charges, c => Assert.Equal(ChargeStatus.Succeeded, c.Status));
        Assert.Equal(40, runs.Sum(r => r.Due));
        Assert.Equal(40, recurring.SucceededAtStripe().Count);
        Assert.All(recurring.SucceededAtStripe().Values, count => Assert.Equal(1, count));
        Assert.Equal(40 * 3000, await recurring.FundIncomeAsync());
        await recurring.AssertLedgerBalancedAsync();
    }

    [SkippableFact]
    public async Task On_postgresql_two_runs_at_once_claim_disjoint_batches_and_both_claim_some()
    {
        await using var recurring = await Recurring.CreateAsync(
            DatabaseProvider.PostgreSql, new Dictionary<string, string?> { ["Charges:BatchSize"] = "10" });
        for (var i = 0; i < 200; i++)
        {
            await recurring.AddAsync();
        }

        recurring.Stripe.Latency = TimeSpan.FromMilliseconds(5);
        var runs = await Task.WhenAll(recurring.RunAsync(), recurring.RunAsync());

        var charges = await recurring.ChargesAsync();
        Assert.Equal(200, charges.Count);
        Assert.Equal(200, charges.Select(c => c.SponsorshipId).Distinct().Count());
        Assert.All(charges, c => Assert.Equal(ChargeStatus.Succeeded, c.Status));
        // Each run claimed a share, and what it counted as due is exactly what it claimed: no batch was fought over.
        Assert.All(runs, run => Assert.True(run.Due > 0, $"run {run.Id} claimed nothing"));
        Assert.All(runs, run => Assert.Equal(charges.Count(c => c.RunId == run.Id), run.Due));
        Assert.All(recurring.SucceededAtStripe().Values, count => Assert.Equal(1, count));
    }

    [SkippableFact]
    public async Task On_postgresql_a_batch_made_a_deadlocks_victim_at_its_commit_is_recorded_again_and_the_run_finishes()
    {
        await using var recurring = await Recurring.CreateAsync(DatabaseProvider.PostgreSql);
        for (var i = 0; i < 5; i++)
        {
            await recurring.AddAsync(amountMinor: 2000 + i);
        }

        // The recording's first write of the ledger totals, which the portal makes as the transaction commits, is a
        // deadlock's victim.
        await using (var db = recurring.Services.CreateContext())
        {
            await InjectedDeadlock.InstallAsync(db);
        }

        var run = await recurring.RunAsync();

        await using var check = recurring.Services.CreateContext();
        var writes = await InjectedDeadlock.WritesAsync(check);
        Assert.True(writes >= 2, $"totals written {writes} times, not again after the deadlock: run {run.Status}, {run.Succeeded} of {run.Due}");
        Assert.Equal((ChargeRunStatus.Finished, 5, 5, 0), (run.Status, run.Due, run.Succeeded, run.Remaining));
        var charges = await recurring.ChargesAsync();
        Assert.Equal(5, charges.Count);
        Assert.All(charges, c => Assert.Equal((ChargeStatus.Succeeded, true), (c.Status, c.ReceiptNumber is not null)));
        Assert.Equal(5, recurring.SucceededAtStripe().Count);
        Assert.All(recurring.SucceededAtStripe().Values, count => Assert.Equal(1, count));
        Assert.Equal((5 * 2000) + 10, await recurring.FundIncomeAsync());
        await recurring.AssertLedgerBalancedAsync();
        Assert.Equal(5, await check.OutboundEmails.CountAsync(m => m.IdempotencyKey.StartsWith("receipt:")));
    }

    [SkippableFact]
    public async Task On_postgresql_a_second_worker_joins_a_running_run_and_the_run_ends_when_both_parts_have()
    {
        await using var recurring = await Recurring.CreateAsync(
            DatabaseProvider.PostgreSql, new Dictionary<string, string?> { ["Charges:BatchSize"] = "10", ["Charges:MaxConcurrency"] = "4" });
        for (var i = 0; i < 300; i++)
        {
            await recurring.AddAsync();
        }

        recurring.Stripe.Latency = TimeSpan.FromMilliseconds(40);
        var started = recurring.RunAsync();
        long runId = 0;
        await using (var runs = recurring.Services.CreateContext())
        {
            while (runId == 0 && !started.IsCompleted)
            {
                runId = await runs.ChargeRuns.Select(r => r.Id).FirstOrDefaultAsync();
            }
        }

        // What a worker's JoinChargeRuns service asks: this process already works a part of it, so not again.
        Assert.Null(await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<ChargeRunner>().FindRunToJoinAsync(default)));
        var joined = await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<ChargeRunner>().JoinAsync(runId, default));
        var run = await started;

        Assert.NotNull(joined);
        Assert.Equal(ChargeRunStatus.Finished, run.Status);
        await using var db = recurring.Services.CreateContext();
        var parts = await db.ChargeRunParts.AsNoTracking().Where(p => p.RunId == run.Id).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(2, parts.Count);
        Assert.True(parts[0].Starter);
        Assert.False(parts[1].Starter);
        Assert.All(parts, p => Assert.Equal(ChargeRunStatus.Finished, p.Status));
        Assert.All(parts, p => Assert.True(p.Claimed > 0, $"part {p.Id} claimed nothing"));
        Assert.Equal(300, parts.Sum(p => p.Claimed));
        Assert.Equal(300, run.Due);
        Assert.Equal(300, run.Succeeded);
        Assert.NotNull(run.ClaimsDoneAt);
        var charges = await recurring.ChargesAsync();
        Assert.Equal(300, charges.Count);
        Assert.All(charges, c => Assert.Equal(ChargeStatus.Succeeded, c.Status));
        Assert.Equal(300, recurring.SucceededAtStripe().Count);
        Assert.All(recurring.SucceededAtStripe().Values, count => Assert.Equal(1, count));
        // Once it has ended nobody joins it.
        Assert.Null(await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<ChargeRunner>().FindRunToJoinAsync(default)));
        Assert.Null(await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<ChargeRunner>().JoinAsync(run.Id, default)));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_part_whose_worker_falls_silent_is_abandoned_and_the_run_ends_without_it(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(
            provider, new Dictionary<string, string?> { ["Charges:BatchSize"] = "10", ["Charges:WorkerSilence"] = "00:00:02" });
        for (var i = 0; i < 20; i++)
        {
            await recurring.AddAsync();
        }

        recurring.Stripe.Latency = TimeSpan.FromMilliseconds(500);
        var started = recurring.RunAsync();
        await using (var db = recurring.Services.CreateContext())
        {
            // A worker that joined and was then killed: its part says Running and is never seen again.
            var runId = 0L;
            while (runId == 0)
            {
                runId = await db.ChargeRuns.Select(r => r.Id).FirstOrDefaultAsync();
            }

            db.ChargeRunParts.Add(new ChargeRunPart
            {
                RunId = runId,
                Worker = "gone/1",
                JoinedAt = recurring.Services.Clock.GetUtcNow().UtcDateTime,
                LastSeenAt = recurring.Services.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }

        var run = await started;

        Assert.Equal(ChargeRunStatus.Abandoned, run.Status);
        Assert.Contains("Not seen since", run.Error, StringComparison.Ordinal);
        Assert.Equal(20, run.Succeeded);
        await using var check = recurring.Services.CreateContext();
        var parts = await check.ChargeRunParts.AsNoTracking().Where(p => p.RunId == run.Id).ToListAsync();
        Assert.Equal(ChargeRunStatus.Finished, parts.Single(p => p.Starter).Status);
        Assert.Equal(ChargeRunStatus.Abandoned, parts.Single(p => !p.Starter).Status);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Rate_limits_server_errors_and_timeouts_are_retried_with_the_same_key_and_charge_once(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider, new Dictionary<string, string?> { ["Charges:MaxTransientTries"] = "10" });
        for (var i = 0; i < 20; i++)
        {
            await recurring.AddAsync();
        }

        recurring.Stripe.Faults.TimeoutHold = TimeSpan.FromSeconds(3);
        recurring.Stripe.Faults.Enqueue("/v1/payment_intents", FaultKind.RateLimit, 6);
        recurring.Stripe.Faults.Enqueue("/v1/payment_intents", FaultKind.ServerErrorAfterExecution, 3);
        recurring.Stripe.Faults.Enqueue("/v1/payment_intents", FaultKind.TimeoutAfterExecution, 2);
        recurring.Stripe.Faults.Enqueue("/v1/payment_intents", FaultKind.ServerErrorBeforeExecution, 2);

        var run = await recurring.RunAsync();

        Assert.True(recurring.Stripe.Faults.Injected >= 13, $"only {recurring.Stripe.Faults.Injected} faults were injected");
        var charges = await recurring.ChargesAsync();
        Assert.Equal(20, charges.Count(c => c.Status == ChargeStatus.Succeeded));
        Assert.Equal(20, run.Succeeded);
        Assert.Equal(20, recurring.SucceededAtStripe().Count);
        Assert.All(recurring.SucceededAtStripe().Values, count => Assert.Equal(1, count));
        Assert.Equal(20, recurring.Stripe.PaymentIntents.Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_crash_after_the_claim_is_charged_by_the_next_run_once(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var id = await recurring.AddAsync();
        var chargeId = await ClaimWithoutSendingAsync(recurring, id);

        // Too recent to ask about: the next run leaves it alone, and never claims the period again.
        var early = await recurring.RunAsync();
        Assert.Equal(0, early.Due);
        Assert.Empty(recurring.Stripe.PaymentIntents);

        recurring.Services.Clock.Advance(TimeSpan.FromMinutes(3));
        var run = await recurring.RunAsync();

        Assert.Equal(1, run.Due);
        var charge = Assert.Single(await recurring.ChargesAsync(id));
        Assert.Equal(chargeId, charge.Id);
        Assert.Equal(ChargeStatus.Succeeded, charge.Status);
        Assert.Equal(1, recurring.SucceededAtStripe()[chargeId.ToString()]);
        Assert.Single(recurring.Stripe.PaymentIntents);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_crash_after_the_gateway_charged_and_before_recording_is_read_back_not_charged_again(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var id = await recurring.AddAsync();
        var chargeId = await ClaimWithoutSendingAsync(recurring, id);
        // The worker sent the attempt and died before writing the answer down.
        await SendAsIfCrashedAsync(recurring, chargeId);
        Assert.Single(recurring.Stripe.PaymentIntents);
        recurring.Stripe.ClearIdempotencyKeys();

        recurring.Services.Clock.Advance(TimeSpan.FromMinutes(3));
        var run = await recurring.RunAsync();

        Assert.Equal(1, run.Succeeded);
        var charge = Assert.Single(await recurring.ChargesAsync(id));
        Assert.Equal(ChargeStatus.Succeeded, charge.Status);
        Assert.Equal(recurring.Stripe.PaymentIntents.Single().Id, charge.PaymentIntentId);
        Assert.Single(recurring.Stripe.PaymentIntents);
        await using var db = recurring.Services.CreateContext();
        Assert.Equal(1, await db.OutboundEmails.CountAsync(m => m.IdempotencyKey == $"receipt:{chargeId}"));
        Assert.Contains(await db.ChargeAttempts.Where(a => a.ChargeId == chargeId).ToListAsync(), a => a.Outcome == ChargeAttemptOutcome.Resolved);
        Assert.Equal(1, await db.JournalEntries.CountAsync(e => e.ChargeId == chargeId));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_run_cancelled_midway_leaves_nothing_charged_twice_and_the_next_run_finishes_it(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(
            provider,
            new Dictionary<string, string?>
            {
                ["Charges:BatchSize"] = "5",
                ["Charges:MaxConcurrency"] = "2",
                // No grace: the cancellation stands for a killed process (GracefulStopTests covers a SIGTERM).
                ["Charges:StopGrace"] = "00:00:00",
            });
        for (var i = 0; i < 30; i++)
        {
            await recurring.AddAsync();
        }

        recurring.Stripe.Latency = TimeSpan.FromMilliseconds(20);
        // Killed once it has a payment under way: a fixed moment can come before the first claim on a busy machine.
        using var kill = new CancellationTokenSource();
        var run = recurring.RunAsync(kill.Token);
        await Eventually.ValueAsync(
            () => recurring.ChargesAsync(), charges => charges.Any(c => c.Status == ChargeStatus.InFlight), "a charge in flight");
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var afterKill = await recurring.ChargesAsync();
        Assert.NotEmpty(afterKill);
        Assert.Contains(afterKill, c => c.Status == ChargeStatus.InFlight);

        recurring.Services.Clock.Advance(TimeSpan.FromMinutes(3));
        await recurring.RunAsync();

        var charges = await recurring.ChargesAsync();
        Assert.Equal(30, charges.Count);
        Assert.All(charges, c => Assert.Equal(ChargeStatus.Succeeded, c.Status));
        Assert.Equal(30, recurring.SucceededAtStripe().Count);
        Assert.All(recurring.SucceededAtStripe().Values, count => Assert.Equal(1, count));
        await recurring.AssertLedgerBalancedAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_sponsorship_behind_by_two_months_is_charged_for_each_period_once(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var today = recurring.Today;
        var id = await recurring.AddAsync(next: today.AddMonths(-2), chargeDay: today.AddMonths(-2).Day);

        await recurring.RunAsync();
        await recurring.RunAsync();

        var charges = await recurring.ChargesAsync(id);
        Assert.Equal(3, charges.Count);
        Assert.Equal(charges.Select(c => c.PeriodStart).Distinct().Count(), charges.Count);
        Assert.All(charges, c => Assert.Equal(ChargeStatus.Succeeded, c.Status));
        Assert.True((await recurring.SponsorshipAsync(id)).NextPeriodStart > today);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_sepa_debit_stays_processing_until_its_event_and_a_failure_schedules_a_retry(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var settles = await recurring.AddAsync(TestPaymentMethods.SepaDebit);
        var fails = await recurring.AddAsync(TestPaymentMethods.SepaDebit);

        var run = await recurring.RunAsync();

        Assert.Equal(2, run.Processing);
        Assert.All(await recurring.ChargesAsync(), c => Assert.Equal(ChargeStatus.Processing, c.Status));
        Assert.Equal(0, await recurring.FundIncomeAsync());

        var settledCharge = (await recurring.ChargesAsync(settles)).Single();
        var failedCharge = (await recurring.ChargesAsync(fails)).Single();
        await DeliverAsync(recurring, recurring.Stripe.SettlePaymentIntent(settledCharge.PaymentIntentId!, succeed: true));
        await DeliverAsync(recurring, recurring.Stripe.SettlePaymentIntent(failedCharge.PaymentIntentId!, succeed: false));

        Assert.Equal(ChargeStatus.Succeeded, (await recurring.ChargesAsync(settles)).Single().Status);
        var failed = (await recurring.ChargesAsync(fails)).Single();
        Assert.Equal(ChargeStatus.Failed, failed.Status);
        Assert.NotNull(failed.NextRetryAt);
        Assert.Equal(3000, await recurring.FundIncomeAsync());
        await recurring.AssertLedgerBalancedAsync();
    }

    /// <summary>What a worker does before it dies right after claiming: the charge row, in flight, nothing sent.</summary>
    internal static async Task<Guid> ClaimWithoutSendingAsync(Recurring recurring, Guid sponsorshipId)
    {
        await using var db = recurring.Services.CreateContext();
        var sponsorship = await db.Sponsorships.SingleAsync(s => s.Id == sponsorshipId);
        var now = recurring.Services.Clock.GetUtcNow().UtcDateTime;
        var run = new ChargeRun { StartedAt = now, LastProgressAt = now, Today = recurring.Today, Worker = "crashed", StartedBy = "test" };
        db.ChargeRuns.Add(run);
        await db.SaveChangesAsync();
        var charge = new Charge
        {
            SponsorshipId = sponsorship.Id,
            PeriodStart = sponsorship.NextPeriodStart!.Value,
            AmountMinor = sponsorship.AmountMinor,
            Currency = sponsorship.Currency,
            Status = ChargeStatus.InFlight,
            Gateway = sponsorship.Gateway,
            FundId = sponsorship.FundId,
            GatewayCustomerId = sponsorship.GatewayCustomerId,
            GatewayPaymentMethodId = sponsorship.GatewayPaymentMethodId,
            RunId = run.Id,
            CreatedAt = now,
            AttemptedAt = now,
        };
        db.Charges.Add(charge);
        sponsorship.NextPeriodStart = ChargeSchedule.Next(charge.PeriodStart, sponsorship.Interval, sponsorship.ChargeDay);
        await db.SaveChangesAsync();
        return charge.Id;
    }

    /// <summary>Sends the charge's current attempt exactly as the run would, and records nothing.</summary>
    internal static async Task SendAsIfCrashedAsync(Recurring recurring, Guid chargeId)
    {
        await using var db = recurring.Services.CreateContext();
        var charge = await db.Charges.SingleAsync(c => c.Id == chargeId);
        var sponsorship = await db.Sponsorships.SingleAsync(s => s.Id == charge.SponsorshipId);
        await using var scope = recurring.Services.Provider.CreateAsyncScope();
        var gateway = scope.ServiceProvider.GetRequiredService<PaymentGateways>().Named(charge.Gateway)!;
        var request = new OffSessionChargeRequest(charge.Id, charge.SponsorshipId, sponsorship.DonorId, charge.FundId!.Value, charge.Amount,
            charge.GatewayCustomerId!, charge.GatewayPaymentMethodId!, "crashed", charge.IdempotencyKey, charge.Attempt);
        Assert.IsType<OffSessionChargeResult.Succeeded>(await gateway.ChargeSavedMethodAsync(request, CancellationToken.None));
    }

    /// <summary>Stores and applies events as the webhook endpoint and the events job would.</summary>
    internal static async Task DeliverAsync(Recurring recurring, IEnumerable<FakeEvent> events)
    {
        foreach (var stored in events)
        {
            await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<Portal.Core.Payments.Events.EventInbox>()
                .RecordAsync("stripe", stored.Id, stored.Type, stored.Json, DateTime.UtcNow, CancellationToken.None));
        }

        await recurring.Services.Get<Portal.Core.Payments.Events.ApplyGatewayEvents>().ApplyDueAsync(CancellationToken.None);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Runs;
using Portal.Core.Tests.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Sponsorships;

/// <summary>
/// One charge run, several workers: runs at once and workers that join claim disjoint batches, a silent worker's part is
/// abandoned, and a batch that loses to another writer (a deadlock's victim too) is recorded again. Each period once.
/// </summary>
public class ChargeRunWorkersTests
{
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
}

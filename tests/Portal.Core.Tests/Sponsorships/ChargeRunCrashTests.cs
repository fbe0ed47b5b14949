using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Payments;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Runs;
using Portal.FakeStripe;
using Portal.Testing;

namespace Portal.Core.Tests.Sponsorships;

/// <summary>
/// A charge run that the gateway or the process fails: retried requests, a crash after the claim or after the gateway
/// charged, a cancelled run. The next run finishes what was left, and no period is charged twice.
/// </summary>
public class ChargeRunCrashTests
{
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
}

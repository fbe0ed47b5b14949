using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Runs;
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

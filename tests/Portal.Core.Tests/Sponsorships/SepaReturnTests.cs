using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Payments.Events;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Runs;
using Portal.Core.Tests.Payments.Events;
using Portal.Testing;
using EventTypes = Stripe.EventTypes;

namespace Portal.Core.Tests.Sponsorships;

/// <summary>A SEPA debit the run collected settles, and weeks later the donor's bank returns it: the gift is taken back in its own fund.</summary>
public class SepaReturnTests
{
    private const string SettlingIban = "DE89370400440532013000";

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_returned_debit_is_reversed_in_the_same_fund_once_and_a_stale_failure_reverses_nothing(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var (sponsorshipId, session) = await MoneyPath.StartAsync(services);
        Assert.IsType<SandboxPayResult.Paid>(await MoneyPath.PayAsync(services, session, SettlingIban));
        await SettleAllAsync(services);
        var fundIncomeAfterFirst = await FundIncomeAsync(services);

        // A month later the run debits the account again; the bank settles it.
        services.Clock.Advance(TimeSpan.FromDays(31));
        var run = await services.InScopeAsync(scope => scope.GetRequiredService<ChargeRunner>().RunAsync("test", CancellationToken.None));
        Assert.True(
            run.Processing == 1,
            $"due {run.Due}, processing {run.Processing}, succeeded {run.Succeeded}, failed {run.Failed}, status {run.Status}, error {run.Error}");
        await SettleAllAsync(services);
        var period = await PeriodChargeAsync(services, sponsorshipId);
        Assert.Equal(ChargeStatus.Succeeded, period.Status);
        Assert.Equal(fundIncomeAfterFirst + period.AmountMinor, await FundIncomeAsync(services));

        // A failure event that arrives late, while the gateway still says paid, changes nothing.
        await ReportFailedAsync(services, period.PaymentIntentId!, returnAtGateway: false);
        Assert.Equal(ChargeStatus.Succeeded, (await PeriodChargeAsync(services, sponsorshipId)).Status);

        // The bank returns it: the gateway now says failed, and its event arrives twice.
        await ReportFailedAsync(services, period.PaymentIntentId!, returnAtGateway: true);
        await ReportFailedAsync(services, period.PaymentIntentId!, returnAtGateway: true);

        var returned = await PeriodChargeAsync(services, sponsorshipId);
        Assert.Equal(ChargeStatus.Failed, returned.Status);
        Assert.NotNull(returned.ReversedAt);
        Assert.Equal(fundIncomeAfterFirst, await FundIncomeAsync(services));
        await using var db = services.CreateContext();
        var entries = await db.JournalEntries.Include(e => e.Lines).Where(e => e.ChargeId == period.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.Equal(entries[0].Id, entries[1].ReversesEntryId);
        Assert.Equal(entries[0].FundId, entries[1].FundId);
        Assert.Equal(
            entries[0].Lines.OrderBy(l => l.AccountId).Select(l => (l.AccountId, -l.AmountMinor)),
            entries[1].Lines.OrderBy(l => l.AccountId).Select(l => (l.AccountId, l.AmountMinor)));
        Assert.Equal(0, await db.JournalLines.SumAsync(l => l.AmountMinor));
        Assert.Contains(await db.ChargeAttempts.Where(a => a.ChargeId == period.Id).ToListAsync(), a => a.Outcome == ChargeAttemptOutcome.Returned);
        Assert.Equal(1, await db.OutboundEmails.CountAsync(m => m.IdempotencyKey.StartsWith("dunning:" + period.Id)));
    }

    private static async Task SettleAllAsync(PortalServices services)
    {
        List<string> processing;
        await using (var db = services.CreateContext())
        {
            processing = await db.SandboxPayments.Where(p => p.Status == SandboxPaymentStatus.Processing).Select(p => p.Id).ToListAsync();
        }

        foreach (var id in processing)
        {
            await services.Get<SandboxPayments>().SettleAsync(id, CancellationToken.None);
        }

        await MoneyPath.ApplyAllAsync(services);
    }

    /// <summary>The sandbox's bank: optionally marks the debit returned, then sends <c>payment_intent.payment_failed</c>.</summary>
    private static async Task ReportFailedAsync(PortalServices services, string paymentId, bool returnAtGateway)
    {
        await using (var db = services.CreateContext())
        {
            var payment = await db.SandboxPayments.SingleAsync(p => p.Id == paymentId);
            var reported = new SandboxPayment
            {
                Id = payment.Id,
                IdempotencyKey = payment.IdempotencyKey,
                ChargeId = payment.ChargeId,
                Attempt = payment.Attempt,
                SponsorshipId = payment.SponsorshipId,
                DonorId = payment.DonorId,
                FundId = payment.FundId,
                AmountMinor = payment.AmountMinor,
                Currency = payment.Currency,
                Description = payment.Description,
                DonorEmail = payment.DonorEmail,
                CustomerId = payment.CustomerId,
                Status = SandboxPaymentStatus.Failed,
                DeclineCode = "debit_not_authorized",
                FailureMessage = "The customer's bank returned the debit.",
                CreatedAt = payment.CreatedAt,
                Locale = payment.Locale,
                SuccessUrl = payment.SuccessUrl,
                CancelUrl = payment.CancelUrl,
            };
            if (returnAtGateway)
            {
                payment.Status = SandboxPaymentStatus.Failed;
                payment.DeclineCode = reported.DeclineCode;
                payment.FailureMessage = reported.FailureMessage;
            }

            db.GatewayEvents
                .Add(SandboxEvents.PaymentIntent(EventTypes.PaymentIntentPaymentFailed, reported, services.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }

        await MoneyPath.ApplyAllAsync(services);
    }

    private static async Task<Charge> PeriodChargeAsync(PortalServices services, Guid sponsorshipId)
    {
        await using var db = services.CreateContext();
        return await db.Charges.AsNoTracking().SingleAsync(c => c.SponsorshipId == sponsorshipId && c.RunId != null);
    }

    private static async Task<long> FundIncomeAsync(PortalServices services)
    {
        await using var db = services.CreateContext();
        return -await db.JournalLines.Where(l => l.Account!.Kind == AccountKind.FundIncome).SumAsync(l => l.AmountMinor);
    }
}

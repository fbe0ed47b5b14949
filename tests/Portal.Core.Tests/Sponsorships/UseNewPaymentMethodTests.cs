using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Payments;
using Portal.Core.Payments.Events;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Payments.Events;
using Portal.Testing;

namespace Portal.Core.Tests.Sponsorships;

/// <summary>A donor's new payment method, saved on the sandbox's setup page, reaches their sponsorships through the inbox.</summary>
public class UseNewPaymentMethodTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_past_due_sponsorship_gets_the_new_card_and_its_failed_charge_is_retried_once(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var ada = await PaidAsync(services, "ada@example.org");
        var grace = await PaidAsync(services, "grace@example.org");
        var failed = await MakePastDueAsync(services, ada);
        var graceBefore = await SponsorshipAsync(services, grace);

        await SaveNewMethodAsync(services, ada, "5555 5555 5555 4444");
        await MoneyPath.ApplyAllAsync(services);

        var updated = await SponsorshipAsync(services, ada);
        Assert.Equal(SponsorshipStatus.Active, updated.Status);
        Assert.Null(updated.PastDueSince);
        Assert.Equal(("Mastercard", "4444", new DateOnly(2029, 12, 31)), (updated.CardBrand, updated.CardLast4, updated.CardExpiresOn));
        Assert.StartsWith("pm_sandbox_", updated.GatewayPaymentMethodId, StringComparison.Ordinal);
        await using (var db = services.CreateContext())
        {
            var charge = await db.Charges.SingleAsync(c => c.Id == failed);
            Assert.Equal(services.Clock.GetUtcNow().UtcDateTime, charge.NextRetryAt);
            var attempt = await db.ChargeAttempts.SingleAsync(a => a.ChargeId == failed);
            Assert.Equal(ChargeAttemptOutcome.RetryRequested, attempt.Outcome);
            Assert.Equal(1, await db.AuditRecords.CountAsync(r => r.Action == "donor.payment-method-updated"));
        }

        var graceAfter = await SponsorshipAsync(services, grace);
        Assert.Equal(
            (graceBefore.GatewayPaymentMethodId, graceBefore.CardLast4, graceBefore.Version),
            (graceAfter.GatewayPaymentMethodId, graceAfter.CardLast4, graceAfter.Version));

        // The same event applied again (a re-run after a crash, an operator's retry) changes nothing more.
        await using (var db = services.CreateContext())
        {
            await db.GatewayEvents.Where(e => e.Note == ApplySetupEvent.Marker(updated.DonorId))
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, GatewayEventStatus.Pending));
        }

        services.Clock.Advance(TimeSpan.FromMinutes(5));
        await MoneyPath.ApplyAllAsync(services);
        await using (var db = services.CreateContext())
        {
            Assert.Equal(1, await db.ChargeAttempts.CountAsync(a => a.ChargeId == failed));
            Assert.Equal(1, await db.AuditRecords.CountAsync(r => r.Action == "donor.payment-method-updated"));
            Assert.Equal(updated.Version, (await db.Sponsorships.SingleAsync(s => s.Id == ada)).Version);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task An_older_card_update_arriving_after_a_newer_one_is_ignored(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var ada = await PaidAsync(services, "ada@example.org");
        await SaveNewMethodAsync(services, ada, "5555555555554444", key: "first");
        services.Clock.Advance(TimeSpan.FromMinutes(1));
        await SaveNewMethodAsync(services, ada, "4000056655665556", key: "second");
        var events = (await MoneyPath.EventsAsync(services)).Where(e => e.Payload.Contains("\"setup\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, events.Count);

        var applier = services.Get<ApplyGatewayEvents>();
        await applier.ApplyAsync(events[1].Id, CancellationToken.None);
        await applier.ApplyAsync(events[0].Id, CancellationToken.None);

        var sponsorship = await SponsorshipAsync(services, ada);
        Assert.Equal("5556", sponsorship.CardLast4);
        Assert.Equal(new DateOnly(2026, 3, 31), sponsorship.CardExpiresOn);
        Assert.Equal(GatewayEventStatus.Ignored, (await MoneyPath.EventsAsync(services)).Single(e => e.Id == events[0].Id).Status);
    }

    [Fact]
    public async Task The_first_payment_records_the_cards_brand_last4_and_expiry()
    {
        await using var seeded = await MoneyPath.SeededAsync(DatabaseProvider.Sqlite);
        var ada = await PaidAsync(seeded.Services, "ada@example.org");

        var sponsorship = await SponsorshipAsync(seeded.Services, ada);

        Assert.Equal(("Visa", "4242", new DateOnly(2029, 12, 31)), (sponsorship.CardBrand, sponsorship.CardLast4, sponsorship.CardExpiresOn));
    }

    private static async Task<Guid> PaidAsync(PortalServices services, string email)
    {
        var (sponsorshipId, session) = await MoneyPath.StartAsync(services, email: email);
        Assert.IsType<SandboxPayResult.Paid>(await MoneyPath.PayAsync(services, session));
        await MoneyPath.ApplyAllAsync(services);
        return sponsorshipId;
    }

    private static async Task<Guid> MakePastDueAsync(PortalServices services, Guid sponsorshipId)
    {
        await using var db = services.CreateContext();
        var sponsorship = await db.Sponsorships.SingleAsync(s => s.Id == sponsorshipId);
        var charge = new Charge
        {
            SponsorshipId = sponsorshipId,
            PeriodStart = sponsorship.NextPeriodStart!.Value,
            AmountMinor = sponsorship.ChargeAmount.Minor,
            Currency = sponsorship.Currency,
            Gateway = sponsorship.Gateway,
            Status = ChargeStatus.Failed,
            Attempt = 4,
            DeclineCode = "insufficient_funds",
            CreatedAt = services.Clock.GetUtcNow().UtcDateTime,
            FailedAt = services.Clock.GetUtcNow().UtcDateTime,
        };
        db.Charges.Add(charge);
        sponsorship.Status = SponsorshipStatus.PastDue;
        sponsorship.PastDueSince = services.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        return charge.Id;
    }

    private static async Task SaveNewMethodAsync(PortalServices services, Guid sponsorshipId, string number, string key = "update")
    {
        var sponsorship = await SponsorshipAsync(services, sponsorshipId);
        var request = new SetupCheckoutRequest(sponsorship.DonorId, sponsorship.GatewayCustomerId!, "ada@example.org", "EUR", "en", key,
            new Uri("http://portal.test/account/payment-method?session_id={CHECKOUT_SESSION_ID}"), new Uri(
                "http://portal.test/account/payment-method"));
        var created = Assert.IsType<CheckoutCreation.Created>(
            await services.Get<SandboxGateway>().CreateSetupCheckoutAsync(request, CancellationToken.None));
        Assert.IsType<SandboxPayResult.Paid>(
            await services.Get<SandboxSetup>().SaveAsync(created.SessionId, number, "12/34", "123", CancellationToken.None));
    }

    private static async Task<Sponsorship> SponsorshipAsync(PortalServices services, Guid id)
    {
        await using var db = services.CreateContext();
        return await db.Sponsorships.AsNoTracking().SingleAsync(s => s.Id == id);
    }
}

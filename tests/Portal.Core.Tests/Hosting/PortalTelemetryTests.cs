using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments.Events;
using Portal.Core.Tests.Communications.Updates;
using Portal.Core.Tests.Payments.Events;
using Portal.Core.Tests.Sponsorships;
using Portal.FakeStripe;
using Portal.Testing;

namespace Portal.Core.Tests.Hosting;

/// <summary>The portal's metrics and spans, recorded by the real code paths where each outcome is decided.</summary>
public class PortalTelemetryTests
{
    [Fact]
    public async Task A_checkout_is_counted_when_started_and_when_paid_with_the_lag_of_its_event()
    {
        await using var seeded = await MoneyPath.SeededAsync(DatabaseProvider.Sqlite);
        var services = seeded.Services;
        using var metrics = new TestMetrics(services.Provider);
        using var spans = new TestSpans();

        var (_, sessionId) = await MoneyPath.StartAsync(services);
        Assert.Equal(1, metrics.Sum("portal.checkouts.started", ("gateway", "sandbox")));
        Assert.Equal(0, metrics.Sum("portal.checkouts.completed"));

        await MoneyPath.PayAsync(services, sessionId);
        services.Clock.Advance(TimeSpan.FromSeconds(42));
        await MoneyPath.ApplyAllAsync(services);

        Assert.Equal(1, metrics.Sum("portal.checkouts.completed", ("gateway", "sandbox")));
        var lag = Assert.Single(metrics.Of("portal.webhook.lag"), m => m.Tag("type") == "checkout.session.completed");
        Assert.Equal(("applied", 42.0), (lag.Tag("stage"), lag.Value));
        var applied = spans.Named("apply gateway event");
        Assert.Contains(applied, span => (string?)span.GetTagItem("portal.event_type") == "checkout.session.completed"
            && (string?)span.GetTagItem("portal.event_status") == nameof(GatewayEventStatus.Applied));
    }

    [Fact]
    public async Task A_stored_webhook_records_its_lag_since_the_gateway_created_it_and_a_repeat_records_nothing()
    {
        await using var seeded = await MoneyPath.SeededAsync(DatabaseProvider.Sqlite);
        using var metrics = new TestMetrics(seeded.Services.Provider);
        var created = seeded.Services.Clock.GetUtcNow().UtcDateTime.AddSeconds(-3);

        for (var delivery = 0; delivery < 2; delivery++)
        {
            await seeded.Services.InScopeAsync(scope => scope.GetRequiredService<EventInbox>()
                .RecordAsync("stripe", "evt_lag", "payment_intent.succeeded", "{}", created, CancellationToken.None));
        }

        var lag = Assert.Single(metrics.Of("portal.webhook.lag"));
        Assert.Equal(("stored", "payment_intent.succeeded", 3.0), (lag.Tag("stage"), lag.Tag("type"), lag.Value));
    }

    [Fact]
    public async Task The_charge_run_counts_each_gateway_answer_by_outcome_inside_its_span()
    {
        await using var recurring = await Recurring.CreateAsync(DatabaseProvider.Sqlite);
        await recurring.AddAsync(TestPaymentMethods.Visa);
        await recurring.AddAsync(TestPaymentMethods.Mastercard);
        await recurring.AddAsync(TestPaymentMethods.InsufficientFunds);
        await recurring.AddAsync(TestPaymentMethods.AuthenticationRequired);
        using var metrics = new TestMetrics(recurring.Services.Provider);
        using var spans = new TestSpans();

        var run = await recurring.RunAsync();

        Assert.Equal(2, metrics.Sum("portal.charges", ("outcome", ChargeOutcome.Succeeded)));
        Assert.Equal(1, metrics.Sum("portal.charges", ("outcome", ChargeOutcome.Declined)));
        Assert.Equal(1, metrics.Sum("portal.charges", ("outcome", ChargeOutcome.RequiresAction)));
        Assert.Equal(4, metrics.Sum("portal.charges"));
        var span = Assert.Single(spans.Named("charge run"));
        Assert.Equal(run.Id, span.GetTagItem("portal.charge_run_id"));
        Assert.Equal(2, span.GetTagItem("portal.succeeded"));
    }

    [Fact]
    public async Task An_update_send_counts_each_delivery_by_outcome()
    {
        await using var scenario = await UpdateScenario.CreateAsync();
        await scenario.DonorAsync("ada@example.org");
        await scenario.DonorAsync("bob@example.org");
        await scenario.DonorAsync("refused@example.org");
        await scenario.DonorAsync("bounced@example.org");
        scenario.Smtp.RefuseRecipient = address => address == "refused@example.org";
        var update = await scenario.UpdateAsync();
        await scenario.Services.Get<ExpandAudience>().RunAsync(update.Id, CancellationToken.None);
        using var metrics = new TestMetrics(scenario.Services.Provider);
        using var spans = new TestSpans();

        await scenario.Services.InScopeAsync(scope => scope.GetRequiredService<MailConsent>()
            .SuppressAsync("bounced@example.org", SuppressionReason.HardBounce, "5.1.1 user unknown", CancellationToken.None));
        await scenario.RunJobAsync();

        Assert.Equal(2, metrics.Sum("portal.sends", ("outcome", SendOutcome.Sent), ("kind", SendKind.Update)));
        Assert.Equal(1, metrics.Sum("portal.sends", ("outcome", SendOutcome.Failed), ("kind", SendKind.Update)));
        Assert.Equal(1, metrics.Sum("portal.sends", ("outcome", SendOutcome.Skipped), ("kind", SendKind.Update)));
        Assert.Equal(4, metrics.Sum("portal.sends"));
        Assert.Contains(spans.Named("update send"), span => (Guid?)span.GetTagItem("portal.update_id") == update.Id);
    }
}

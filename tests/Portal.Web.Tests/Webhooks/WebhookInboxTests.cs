using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Payments.Events;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Webhooks;

/// <summary>
/// A webhook answers once the event is stored, with no job per event (decision 035); the admin page shows how many
/// events wait and how old the oldest is, until the appliers have taken them.
/// </summary>
public class WebhookInboxTests
{
    [Fact]
    public async Task Stored_events_enqueue_no_job_and_the_admin_page_shows_the_lag_until_they_are_applied()
    {
        await using var stripe = await StripePortal.CreateAsync();
        var sessionId = await StripePathTests.StartCheckoutAsync(stripe, Donors.SponsorForm());
        var jobs = stripe.Portal.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var enqueuedBefore = jobs.Queues().Sum(q => q.Length);

        await stripe.DeliverAsync(stripe.Stripe.CompleteCheckout(sessionId));

        Assert.Equal(enqueuedBefore, jobs.Queues().Sum(q => q.Length));
        var stored = await stripe.Portal.QueryAsync(db => db.GatewayEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, e => Assert.Equal(GatewayEventStatus.Pending, e.Status));
        // Both events are about one payment: the session names its PaymentIntent, the intent is it.
        Assert.All(stored, e => Assert.Equal(stripe.Stripe.PaymentIntents.Single().Id, e.OrderKey));
        var admin = stripe.Portal.Browser();
        await admin.SignInAsStaffAsync(stripe.Portal, "Admin");

        var waiting = await admin.TextAsync("/admin");

        Assert.Contains("Waiting to be applied: 2. The oldest waits for ", waiting, StringComparison.Ordinal);
        Assert.Contains("Pending: 2", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain("Applied:", waiting, StringComparison.Ordinal);
        var oldest = stored[0].ReceivedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"received {oldest}.", waiting, StringComparison.Ordinal);

        await stripe.Portal.RunJobsAsync();

        var caughtUp = await admin.TextAsync("/admin");
        Assert.Contains("Waiting to be applied: none.", caughtUp, StringComparison.Ordinal);
        // Each status counted along its index, up to a cap: the page costs the same however long the history.
        Assert.Contains("Applied: 2", caughtUp, StringComparison.Ordinal);
        Assert.DoesNotContain("Pending:", caughtUp, StringComparison.Ordinal);
        Assert.All(
            await stripe.Portal.QueryAsync(db => db.GatewayEvents.AsNoTracking().ToListAsync()),
            e => Assert.Equal(GatewayEventStatus.Applied, e.Status));
    }
}

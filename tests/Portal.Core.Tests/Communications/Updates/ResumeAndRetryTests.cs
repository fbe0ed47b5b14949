using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Communications;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;

namespace Portal.Core.Tests.Communications.Updates;

/// <summary>A send that crashes, a relay that is down or refuses, a schedule, two senders at once: each recipient gets it at most once.</summary>
public class ResumeAndRetryTests
{
    [Fact]
    public async Task A_sender_that_dies_mid_send_is_resumed_without_a_duplicate_and_its_hand_overs_in_doubt_are_not_resent()
    {
        await using var scenario = await UpdateScenario.CreateAsync();
        for (var i = 0; i < 30; i++)
        {
            await scenario.DonorAsync($"donor{i:D2}@example.org");
        }

        var update = await scenario.UpdateAsync();
        await scenario.Services.Get<ExpandAudience>().RunAsync(update.Id, CancellationToken.None);

        // The fault: the relay connection "crashes the process" after the 12th message; nothing after it is recorded by it.
        var faulty = new CrashingTransport(scenario.Services.Get<IMailTransport>(), crashAfter: 12);
        var dying = Sender(scenario, faulty);
        await Assert.ThrowsAsync<InvalidOperationException>(() => dying.SendQueuedAsync(update.Id, CancellationToken.None));
        var delivered = scenario.Recipients();
        Assert.Equal(12, delivered.Count);

        // The next run, after the dead sender's claims have run out.
        scenario.Services.Clock.Advance(TimeSpan.FromMinutes(11));
        await scenario.RunJobAsync();

        var all = scenario.Recipients();
        Assert.Equal(all.Count, all.Distinct().Count());
        var deliveries = await scenario.DeliveriesAsync(update.Id);
        var uncertain = deliveries.Where(d => d.Status == DeliveryStatus.Uncertain).ToList();
        Assert.NotEmpty(uncertain);
        Assert.All(deliveries.Where(d => d.Status == DeliveryStatus.Sent), d => Assert.Contains(d.ToAddress, all));
        // Every address is either confirmed sent or in doubt (never both sent twice nor silently dropped).
        Assert.Equal(30, deliveries.Count(d => d.Status is DeliveryStatus.Sent or DeliveryStatus.Uncertain));
        Assert.All(deliveries.Where(d => d.Status == DeliveryStatus.Sent), d => Assert.Single(all, a => a == d.ToAddress));
        Assert.Equal(UpdateStatus.Sent, (await scenario.ReloadAsync(update.Id)).Status);

        // Staff choose to send the ones in doubt again: only those, once more each.
        var resent = await scenario.Services.InScopeAsync(
            scope => scope.GetRequiredService<UpdateDesk>().ResendUncertainAsync(update.Id, "staff", "comms@example.org", CancellationToken.None));
        await scenario.RunJobAsync();
        Assert.Equal(uncertain.Count, resent);
        Assert.Equal(all.Count + uncertain.Count, scenario.Recipients().Count);
        Assert.All(uncertain, d => Assert.Contains(d.ToAddress, scenario.Recipients()));
        Assert.All(await scenario.DeliveriesAsync(update.Id), d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.Equal(UpdateStatus.Sent, (await scenario.ReloadAsync(update.Id)).Status);
    }

    [Fact]
    public async Task A_relay_that_is_down_is_retried_later_and_a_refused_recipient_is_recorded_for_good()
    {
        await using var scenario = await UpdateScenario.CreateAsync(
            settings: new Dictionary<string, string?> { ["Updates:RetryAfterSeconds"] = "60" });
        await scenario.DonorAsync("ada@example.org");
        await scenario.DonorAsync("gone@example.org");
        var update = await scenario.UpdateAsync();
        await scenario.RelayDownAsync();

        await scenario.RunJobAsync();
        var waiting = await scenario.DeliveriesAsync(update.Id);
        Assert.All(waiting, d => Assert.Equal(DeliveryStatus.Queued, d.Status));
        Assert.All(waiting, d => Assert.Equal(1, d.Attempts));
        Assert.Equal(UpdateStatus.Sending, (await scenario.ReloadAsync(update.Id)).Status);

        scenario.RelayBack();
        scenario.Smtp.RefuseRecipient = address => address.StartsWith("gone", StringComparison.Ordinal);
        await scenario.RunJobAsync();
        Assert.Empty(scenario.Smtp.Messages);

        scenario.Services.Clock.Advance(TimeSpan.FromMinutes(2));
        await scenario.RunJobAsync();

        Assert.Equal(["ada@example.org"], scenario.Recipients());
        var deliveries = await scenario.DeliveriesAsync(update.Id);
        var gone = deliveries.Single(d => d.ToAddress == "gone@example.org");
        Assert.Equal(DeliveryStatus.Failed, gone.Status);
        Assert.StartsWith("550", gone.LastError, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Sent, deliveries.Single(d => d.ToAddress == "ada@example.org").Status);
        Assert.Equal(UpdateStatus.Sent, (await scenario.ReloadAsync(update.Id)).Status);
    }

    [Fact]
    public async Task A_scheduled_update_goes_out_when_its_time_comes_and_not_before()
    {
        await using var scenario = await UpdateScenario.CreateAsync();
        await scenario.DonorAsync("ada@example.org");
        var at = scenario.Services.Clock.GetUtcNow().UtcDateTime.AddHours(3);
        var update = await scenario.UpdateAsync(change: u => (u.Status, u.ScheduledFor) = (UpdateStatus.Scheduled, at));

        await scenario.RunJobAsync();
        Assert.Empty(scenario.Smtp.Messages);
        Assert.Equal(UpdateStatus.Scheduled, (await scenario.ReloadAsync(update.Id)).Status);

        scenario.Services.Clock.Advance(TimeSpan.FromHours(3));
        await scenario.RunJobAsync();

        Assert.Equal(["ada@example.org"], scenario.Recipients());
        Assert.Equal(UpdateStatus.Sent, (await scenario.ReloadAsync(update.Id)).Status);
    }

    [Fact]
    public async Task Two_nodes_sending_at_once_deliver_each_recipient_once()
    {
        await using var scenario = await UpdateScenario.CreateAsync();
        for (var i = 0; i < 60; i++)
        {
            await scenario.DonorAsync($"donor{i:D2}@example.org");
        }

        var update = await scenario.UpdateAsync();
        await scenario.Services.Get<ExpandAudience>().RunAsync(update.Id, CancellationToken.None);

        // Two worker nodes: each its own sender with its own connections, sharing only the database.
        var transport = scenario.Services.Get<IMailTransport>();
        var handed = await Task.WhenAll(
            Task.Run(() => Sender(scenario, transport).SendQueuedAsync(update.Id, CancellationToken.None)),
            Task.Run(() => Sender(scenario, transport).SendQueuedAsync(update.Id, CancellationToken.None)));

        Assert.Equal(60, handed.Sum());
        Assert.Equal(60, scenario.Recipients().Distinct().Count());
        Assert.Equal(60, scenario.Smtp.Messages.Count);
        Assert.Null(await scenario.Services.Get<ExpandAudience>().RunAsync(update.Id, CancellationToken.None));
        Assert.Equal(60, (await scenario.DeliveriesAsync(update.Id)).Count);
    }

    private static SendImpactUpdate Sender(UpdateScenario scenario, IMailTransport transport) =>
        new(scenario.Services.Get<IDbContextFactory<PortalDbContext>>(), scenario.Services.Get<IServiceScopeFactory>(), transport,
            scenario.Services.Get<DeliveryClaims>(), scenario.Services.Get<DeliveryResults>(), scenario.Services.Get<UnsubscribeLinks>(),
            scenario.Services.Get<IOptions<UpdateSendOptions>>(), scenario.Services.Get<IOptions<EmailOptions>>(), NullLogger<SendImpactUpdate>
                .Instance);

    /// <summary>An injected fault: after so many messages the "process dies" in the middle of a hand-over.</summary>
    private sealed class CrashingTransport(IMailTransport inner, int crashAfter) : IMailTransport
    {
        private readonly int limit = crashAfter;
        private int sent;

        public Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
            => inner.SendAsync(message, cancellationToken);

        public IMailSession OpenSession() => new Session(this, inner.OpenSession());

        private sealed class Session(CrashingTransport owner, IMailSession inner) : IMailSession
        {
            public Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken) =>
                Interlocked.Increment(ref owner.sent) > owner.limit
                    ? throw new InvalidOperationException("The process died.")
                    : inner.SendAsync(message, cancellationToken);

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}

using Hangfire;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Payments.Events;

namespace Portal.Jobs.Tests;

/// <summary>
/// A request to do something soon is a nudge when a sweep would do it anyway: Hangfire's storage failing (an injected
/// fault, as a pool exhausted under load) must not fail the charge or webhook that asked. What has no sweep still fails.
/// </summary>
public class BackgroundWorkTests
{
    [Fact]
    public void Nudges_that_cannot_be_enqueued_are_dropped_and_requests_without_a_sweep_still_fail()
    {
        var client = new FailingClient();
        var work = new HangfireBackgroundWork(client, new EventNudges(), NullLogger<HangfireBackgroundWork>.Instance);

        work.ApplyGatewayEvents();
        work.SendQueuedEmails();
        work.SendImpactUpdates();
        work.CountAudiences();

        Assert.Equal(3, client.Attempts);
        Assert.Throws<BackgroundJobClientException>(() => work.ChargeDueSponsorships("finance@charity.test"));
        Assert.Throws<BackgroundJobClientException>(() => work.SettleSandboxPayment("pi_1", TimeSpan.FromSeconds(5)));
        Assert.Equal(5, client.Attempts);
    }

    [Fact]
    public void Nudges_are_enqueued_on_their_queues_when_the_storage_answers()
    {
        var client = new RecordingClient();
        var work = new HangfireBackgroundWork(client, new EventNudges(), NullLogger<HangfireBackgroundWork>.Instance);

        work.SendQueuedEmails();

        Assert.Equal([JobQueues.Mail], client.Queues);
    }

    [Fact]
    public void Stored_gateway_events_wake_the_appliers_in_memory_and_enqueue_no_job()
    {
        var client = new RecordingClient();
        var nudges = new EventNudges();
        var work = new HangfireBackgroundWork(client, nudges, NullLogger<HangfireBackgroundWork>.Instance);
        var waiting = nudges.Next;

        work.ApplyGatewayEvents();
        work.ApplyGatewayEvents();

        Assert.True(waiting.IsCompletedSuccessfully);
        Assert.False(nudges.Next.IsCompleted);
        Assert.Empty(client.Jobs);
    }

    private sealed class FailingClient : IBackgroundJobClient
    {
        public int Attempts { get; private set; }

        public string Create(Job job, IState state)
        {
            Attempts++;
            throw new BackgroundJobClientException("Background job creation failed.", new TimeoutException("The connection pool has been exhausted"));
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => false;
    }

    private sealed class RecordingClient : IBackgroundJobClient
    {
        public List<Job> Jobs { get; } = [];

        public List<string?> Queues { get; } = [];

        public string Create(Job job, IState state)
        {
            Jobs.Add(job);
            Queues.Add(job.Queue ?? (state as EnqueuedState)?.Queue);
            return Jobs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => false;
    }
}

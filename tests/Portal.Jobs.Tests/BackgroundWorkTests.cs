using Hangfire;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;

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
        var work = new HangfireBackgroundWork(client, NullLogger<HangfireBackgroundWork>.Instance);

        work.ApplyGatewayEvent(42);
        work.SendQueuedEmails();
        work.SendImpactUpdates();
        work.CountAudiences();

        Assert.Equal(4, client.Attempts);
        Assert.Throws<BackgroundJobClientException>(() => work.ChargeDueSponsorships("finance@charity.test"));
        Assert.Throws<BackgroundJobClientException>(() => work.SettleSandboxPayment("pi_1", TimeSpan.FromSeconds(5)));
        Assert.Equal(6, client.Attempts);
    }

    [Fact]
    public void Nudges_are_enqueued_on_their_queues_when_the_storage_answers()
    {
        var client = new RecordingClient();
        var work = new HangfireBackgroundWork(client, NullLogger<HangfireBackgroundWork>.Instance);

        work.ApplyGatewayEvent(42);
        work.SendQueuedEmails();

        Assert.Equal([JobQueues.Events, JobQueues.Mail], client.Queues);
        Assert.Equal(42L, client.Jobs[0].Args[0]);
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

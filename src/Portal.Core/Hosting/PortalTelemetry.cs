using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Portal.Core.Hosting;

/// <summary>
/// The portal's own metrics (one meter, "Portal") and spans (one activity source, "Portal"). Each outcome is recorded
/// where the code already decides it, beside the log event that tells the same story; the hosts export both by OTLP
/// when it is configured (<see cref="TelemetryRegistration"/>). The meter comes from the host's
/// <see cref="IMeterFactory"/>, so a test listens to its own portal only.
/// </summary>
public sealed class PortalTelemetry
{
    public const string Name = "Portal";

    /// <summary>Spans of charge runs, update sends, jobs and gateway events. Static: activity sources have no factory.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly IReadOnlyList<double> SecondsBuckets = [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 1800, 3600];

    private readonly Counter<long> checkoutsStarted;
    private readonly Counter<long> checkoutsCompleted;
    private readonly Counter<long> charges;
    private readonly Counter<long> sends;
    private readonly Histogram<double> webhookLag;
    private readonly Histogram<double> jobDuration;

    public PortalTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets };
        checkoutsStarted = meter.CreateCounter<long>("portal.checkouts.started", "{checkout}", "Hosted checkouts a donor was sent to");
        checkoutsCompleted = meter.CreateCounter<long>(
            "portal.checkouts.completed", "{checkout}", "Hosted checkouts whose payment was recorded as paid");
        charges = meter.CreateCounter<long>("portal.charges", "{charge}", "Off-session charges by the gateway's answer");
        sends = meter.CreateCounter<long>("portal.sends", "{message}", "Update deliveries and outbox messages by outcome");
        webhookLag = meter.CreateHistogram(
            "portal.webhook.lag", "s", "From a gateway event's creation at the gateway to its storing and its application", advice: advice);
        jobDuration = meter.CreateHistogram("portal.job.duration", "s", "How long each background job ran", advice: advice);
    }

    public void CheckoutStarted(string gateway) => checkoutsStarted.Add(1, new KeyValuePair<string, object?>("gateway", gateway));

    public void CheckoutCompleted(string gateway) => checkoutsCompleted.Add(1, new KeyValuePair<string, object?>("gateway", gateway));

    /// <param name="outcome">One of <see cref="ChargeOutcome"/>.</param>
    public void Charge(string outcome) => charges.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <param name="outcome">One of <see cref="SendOutcome"/>.</param>
    /// <param name="kind">One of <see cref="SendKind"/>.</param>
    public void Sends(string outcome, string kind, long count = 1)
    {
        if (count > 0)
        {
            sends.Add(count, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("kind", kind));
        }
    }

    /// <param name="stage"><c>stored</c> (the webhook arrived) or <c>applied</c> (the portal acted on it).</param>
    public void WebhookLag(TimeSpan lag, string stage, string eventType) => webhookLag.Record(
        Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("stage", stage), new KeyValuePair<string, object?>("type", eventType));

    /// <param name="outcome"><c>succeeded</c>, <c>failed</c> or <c>canceled</c>.</param>
    public void JobFinished(string job, string outcome, TimeSpan duration) => jobDuration.Record(
        duration.TotalSeconds, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", outcome));
}

/// <summary>The <c>outcome</c> tag of <c>portal.charges</c>: what the gateway answered an off-session charge.</summary>
public static class ChargeOutcome
{
    public const string Succeeded = "succeeded";
    public const string Processing = "processing";
    public const string Declined = "declined";
    public const string RequiresAction = "requires_action";

    /// <summary>No answer, or none to trust yet: the charge stays in flight and is looked up by a later run.</summary>
    public const string Uncertain = "uncertain";
}

/// <summary>The <c>outcome</c> tag of <c>portal.sends</c>.</summary>
public static class SendOutcome
{
    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>Refused for now; tried again later.</summary>
    public const string Deferred = "deferred";

    /// <summary>The connection broke during the hand-over: it may have arrived, so it is not sent again.</summary>
    public const string Uncertain = "uncertain";

    /// <summary>Never sent: the address was suppressed while the delivery waited.</summary>
    public const string Skipped = "skipped";
}

/// <summary>The <c>kind</c> tag of <c>portal.sends</c>.</summary>
public static class SendKind
{
    /// <summary>A delivery of an impact update, transparency report or appeal.</summary>
    public const string Update = "update";

    /// <summary>A message from the outbox: a receipt, a sign-in link, a reminder, a tax statement.</summary>
    public const string Outbox = "outbox";
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Portal.FakeStripe;

namespace Portal.Bench;

/// <summary>
/// Stripe delivering a backlog at once: every event in the fake's file (<see cref="FakeStripeProcess.CompleteCheckoutsAsync"/>)
/// posted to <c>/webhooks/stripe</c> on C connections, each signed as it is sent (as Stripe signs each delivery), in the
/// order the fake produced them. The file is read as the connections go, so its payloads are never all in memory. An
/// answer other than 200 is an error (a 503 of the portal's back-pressure too): Stripe would deliver it again later.
/// </summary>
internal static class WebhookBurst
{
    /// <param name="Completed">When the fake completed each session (UTC).</param>
    /// <param name="FirstAcknowledged">When the portal first answered 200 to an event of each session (UTC).</param>
    public sealed record Figures(
        double AcknowledgedPerSecond,
        double P50Ms,
        double P99Ms,
        long Delivered,
        long Errors,
        string? FirstError,
        double Seconds,
        IReadOnlyDictionary<string, DateTime> Completed,
        IReadOnlyDictionary<string, DateTime> FirstAcknowledged,
        IReadOnlyDictionary<string, int> Types);

    private sealed record Delivery(string SessionId, string Type, string Payload);

    public static async Task<Figures> RunAsync(
        HttpClient client, string eventsPath, string secret, int connections, CancellationToken cancellationToken)
    {
        var completed = new ConcurrentDictionary<string, DateTime>(StringComparer.Ordinal);
        var acknowledged = new ConcurrentDictionary<string, DateTime>(StringComparer.Ordinal);
        var types = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var queue = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(connections * 8) { SingleWriter = true });
        var reader = Task.Run(
            async () =>
            {
                try
                {
                    using var file = new StreamReader(eventsPath, Encoding.UTF8);
                    while (await file.ReadLineAsync(cancellationToken) is { } line)
                    {
                        var fields = line.Split('\t', 5);
                        completed.TryAdd(fields[0], new DateTime(long.Parse(fields[1], CultureInfo.InvariantCulture), DateTimeKind.Utc));
                        types.AddOrUpdate(fields[3], 1, (_, n) => n + 1);
                        await queue.Writer.WriteAsync(new Delivery(fields[0], fields[3], fields[4]), cancellationToken);
                    }
                }
                finally
                {
                    queue.Writer.Complete();
                }
            },
            cancellationToken);

        var begin = Stopwatch.GetTimestamp();
        string? firstError = null;
        var endpoint = new Uri("/webhooks/stripe", UriKind.Relative);
        var senders = Enumerable.Range(0, connections).Select(_ => Task.Run(
            async () =>
            {
                var latencies = new List<long>(4096);
                long errors = 0;
                await foreach (var delivery in queue.Reader.ReadAllAsync(cancellationToken))
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
                    {
                        Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
                    };
                    var signature = FakeWebhook.Sign(delivery.Payload, secret, DateTimeOffset.UtcNow);
                    request.Headers.TryAddWithoutValidation(FakeWebhook.SignatureHeader, signature);
                    request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
                    request.Headers.Add("baggage", "bench=" + SqlCommandCounter.Webhook);
                    var started = Stopwatch.GetTimestamp();
                    using var response = await client.SendAsync(request, cancellationToken);
                    var body = await response.Content.ReadAsStringAsync(cancellationToken);
                    latencies.Add(Stopwatch.GetTimestamp() - started);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        acknowledged.TryAdd(delivery.SessionId, DateTime.UtcNow);
                    }
                    else
                    {
                        errors++;
                        var said = body.Length > 200 ? body[..200] : body;
                        Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode} to {delivery.Type}: {said}", null);
                    }
                }

                return (latencies, errors);
            },
            cancellationToken)).ToList();
        var results = await Task.WhenAll(senders);
        await reader;
        var seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        var all = results.SelectMany(r => r.latencies).Order().ToList();
        double Percentile(double p) => NearestRank.Milliseconds(all, p);
        var errorCount = results.Sum(r => r.errors);
        return new Figures(
            (all.Count - errorCount) / seconds,
            Percentile(0.50),
            Percentile(0.99),
            all.Count,
            errorCount,
            firstError,
            seconds,
            completed,
            acknowledged,
            types);
    }
}

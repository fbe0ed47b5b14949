using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Portal.Bench;

/// <summary>
/// Gifts started, as a donor starts one: the sponsor form posted (no token: the page takes none), answered by a
/// redirect to the sandbox's checkout. A closed loop of C connections, each a donor of its own address (sent as
/// X-Forwarded-For by the balancer these connections stand for) and a new e-mail address per gift; each connection
/// takes the nodes in turn. An answer other than a redirect is an error.
/// </summary>
internal static class GiftLoad
{
    public sealed record Figures(double GiftsPerSecond, double P50Ms, double P99Ms, long Gifts, long Errors, string? FirstError);

    /// <param name="batch">Tells this load's donors (addresses, e-mails) apart from another's: 0 to 255.</param>
    public static async Task<Figures> RunAsync(
        IReadOnlyList<HttpClient> nodes, int connections, TimeSpan duration, int batch, CancellationToken cancellationToken)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return await LoopAsync(nodes, connections, () => Stopwatch.GetTimestamp() < end, batch, null, cancellationToken);
    }

    /// <summary>
    /// The same loop bounded by a count: exactly <paramref name="total"/> forms are posted, whatever their answers. Each
    /// redirect's target (the hosted checkout's address) is added to <paramref name="redirects"/>.
    /// </summary>
    public static Task<Figures> RunCountAsync(
        HttpClient node, int connections, int total, int batch, ConcurrentQueue<Uri> redirects, CancellationToken cancellationToken)
    {
        var posted = 0;
        return LoopAsync([node], connections, () => Interlocked.Increment(ref posted) <= total, batch, redirects, cancellationToken);
    }

    private static async Task<Figures> LoopAsync(
        IReadOnlyList<HttpClient> nodes,
        int connections,
        Func<bool> another,
        int batch,
        ConcurrentQueue<Uri>? redirects,
        CancellationToken cancellationToken)
    {
        var begin = Stopwatch.GetTimestamp();
        string? firstError = null;
        var loops = Enumerable.Range(0, connections).Select(connection => Task.Run(
            async () =>
            {
                var latencies = new List<long>(4096);
                long errors = 0;
                var address = string.Create(CultureInfo.InvariantCulture, $"10.{batch}.{connection / 256}.{connection % 256}");
                for (var gift = 0; another(); gift++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/funds/nairobi/sponsor")
                    {
                        Content = SponsorForm(string.Create(CultureInfo.InvariantCulture, $"gift-{batch}-{connection}-{gift}@bench.invalid")),
                    };
                    request.Headers.Add("X-Forwarded-For", address);
                    // W3C baggage: the portal's request activity carries it, so the bench's SQL counter can tell these requests apart.
                    request.Headers.Add("baggage", "bench=sponsor");
                    var started = Stopwatch.GetTimestamp();
                    using var response = await nodes[(connection + gift) % nodes.Count].SendAsync(request, cancellationToken);
                    await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    latencies.Add(Stopwatch.GetTimestamp() - started);
                    if (response.StatusCode != HttpStatusCode.Redirect)
                    {
                        errors++;
                        Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}", null);
                    }
                    else if (redirects is not null && response.Headers.Location is { } location)
                    {
                        redirects.Enqueue(location);
                    }
                }

                return (latencies, errors);
            },
            cancellationToken)).ToList();
        var results = await Task.WhenAll(loops);
        // Until the last answer: the loops' last gifts end after the duration.
        var seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        var all = results.SelectMany(r => r.latencies).Order().ToList();
        double Percentile(double p) => NearestRank.Milliseconds(all, p);
        var errorCount = results.Sum(r => r.errors);
        return new Figures((all.Count - errorCount) / seconds, Percentile(0.50), Percentile(0.99), all.Count, errorCount, firstError);
    }

    private static FormUrlEncodedContent SponsorForm(string email) => new(new Dictionary<string, string>
    {
        ["Input.Interval"] = "Monthly",
        ["Input.Currency"] = "EUR",
        ["Input.Preset"] = "30.00",
        ["Input.Amount"] = "30",
        ["Input.Name"] = "Ada Lovelace",
        ["Input.Email"] = email,
        ["Input.Country"] = "GB",
        ["Input.ConsentImpactUpdates"] = "true",
    });
}

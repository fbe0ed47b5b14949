using System.Diagnostics;
using System.Net;

namespace Portal.Bench;

/// <summary>
/// A closed-loop load: N connections each send the next GET as soon as the last answer was read. Every answer's
/// latency is kept, so the percentiles are exact; an answer other than 200 is counted as an error.
/// </summary>
internal static class LoadClient
{
    public sealed record Figures(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors);

    public static HttpClient Create(Uri baseUrl, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<Figures> RunAsync(HttpClient client, string path, int connections, TimeSpan warmUp, TimeSpan measure)
    {
        await LoopAsync(client, path, connections, warmUp);
        var (latencies, errors) = await LoopAsync(client, path, connections, measure);
        latencies.Sort();
        double Percentile(double p) => NearestRank.Milliseconds(latencies, p, empty: double.NaN);
        return new Figures(latencies.Count / measure.TotalSeconds, Percentile(0.50), Percentile(0.99), latencies.Count, errors);
    }

    private static async Task<(List<long> Latencies, long Errors)> LoopAsync(HttpClient client, string path, int connections, TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<long>(4096);
            long errors = 0;
            var buffer = new byte[64 * 1024];
            while (Stopwatch.GetTimestamp() < end)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                await using (var body = await response.Content.ReadAsStreamAsync())
                {
                    while (await body.ReadAsync(buffer) > 0)
                    {
                    }
                }

                latencies.Add(Stopwatch.GetTimestamp() - started);
                errors += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
            }

            return (latencies, errors);
        })).ToList();
        var results = await Task.WhenAll(workers);
        return ([.. results.SelectMany(r => r.latencies)], results.Sum(r => r.errors));
    }
}

using System.Diagnostics.Metrics;

namespace Portal.Bench;

/// <summary>
/// Each HTTP request's duration as the portal's Stripe client saw it, from .NET's own <c>http.client.request.duration</c>
/// metric: the bench cannot reach into the portal's HttpClient, and need not.
/// </summary>
internal sealed class GatewayLatency : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<double> seconds = [];

    public GatewayLatency()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (seconds)
            {
                seconds.Add(value);
            }
        });
        listener.Start();
    }

    public int Count
    {
        get
        {
            lock (seconds)
            {
                return seconds.Count;
            }
        }
    }

    /// <summary>The given percentile in milliseconds, or 0 when nothing was measured.</summary>
    public double PercentileMs(double percentile)
    {
        lock (seconds)
        {
            if (seconds.Count == 0)
            {
                return 0;
            }

            var sorted = seconds.Order().ToList();
            var index = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
            return sorted[Math.Clamp(index, 0, sorted.Count - 1)] * 1000;
        }
    }

    public void Dispose() => listener.Dispose();
}

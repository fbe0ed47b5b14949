using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Hosting;

namespace Portal.Testing;

/// <summary>One measurement of an instrument: its value and tags.</summary>
public sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var value) ? value?.ToString() : null;
}

/// <summary>
/// Every measurement of the portal's meter in one service provider (its <see cref="IMeterFactory"/>'s meter only, so
/// tests running side by side in the process do not see each other's), for tests to look at.
/// </summary>
public sealed class TestMetrics : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<Measured> measurements = new();

    public TestMetrics(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        // The meter is made with the telemetry service: make it now, so its instruments are published to this listener.
        services.GetRequiredService<PortalTelemetry>();
        listener.InstrumentPublished = (instrument, subscribe) =>
        {
            if (instrument.Meter.Name == PortalTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                subscribe.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
    }

    public IReadOnlyList<Measured> All => [.. measurements];

    public IEnumerable<Measured> Of(string instrument) => All.Where(m => m.Instrument == instrument);

    /// <summary>The sum of a counter's measurements whose tags include every one given.</summary>
    public double Sum(string instrument, params (string Name, string Value)[] tags) =>
        Of(instrument).Where(m => tags.All(t => m.Tag(t.Name) == t.Value)).Sum(m => m.Value);

    public void Dispose() => listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copied[tag.Key] = tag.Value;
        }

        measurements.Enqueue(new Measured(instrument.Name, value, copied));
    }
}

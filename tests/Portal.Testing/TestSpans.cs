using System.Collections.Concurrent;
using System.Diagnostics;
using Portal.Core.Hosting;

namespace Portal.Testing;

/// <summary>
/// The portal's spans that a test causes: the test runs under a root span of its own, and only spans of that trace
/// are kept, so tests running side by side in the process do not see each other's.
/// </summary>
public sealed class TestSpans : IDisposable
{
    private static readonly ActivitySource Tests = new("Portal.Tests");

    private readonly ConcurrentQueue<Activity> stopped = new();
    private readonly ActivityListener listener;

    public TestSpans()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is PortalTelemetry.Name or "Portal.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        // Started here, in the test's own flow: what the test calls next runs under it.
        Root = Tests.StartActivity("test")!;
    }

    public Activity Root { get; }

    public IReadOnlyList<Activity> Named(string name) => [.. stopped.Where(a => a.TraceId == Root.TraceId && a.OperationName == name)];

    public void Dispose()
    {
        Root.Dispose();
        listener.Dispose();
    }
}

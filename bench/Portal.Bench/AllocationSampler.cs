using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Portal.Bench;

/// <summary>
/// What this process allocates, by type: the runtime reports an allocation tick about every 100 KB allocated, naming
/// the type of the object that crossed the mark, so the ticks' sizes by type are a sample of where the bytes go.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTick = 10;

    private ConcurrentDictionary<string, long> sizes = new(StringComparer.Ordinal);

    /// <summary>Starts a phase: what was sampled so far is dropped.</summary>
    public void Restart() => Interlocked.Exchange(ref sizes, new ConcurrentDictionary<string, long>(StringComparer.Ordinal));

    /// <summary>The phase's largest types, with their share of the bytes sampled.</summary>
    public string Top(int count)
    {
        var now = sizes.ToArray();
        var total = Math.Max(1, now.Sum(s => s.Value));
        return string.Join(
            "; ",
            now.OrderByDescending(s => s.Value).Take(count)
                .Select(s => $"{Described(s.Key)} {s.Value / 1048576.0:0} MB ({100.0 * s.Value / total:0.0}%)"));
    }

    /// <summary>
    /// A nested type's name alone (a closure's <c>&lt;&gt;c__DisplayClass19_0</c>) says little: it is named with its declaring
    /// type, found among the loaded types by the runtime's handle the tick carried.
    /// </summary>
    private static string Described(string key)
    {
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0)
        {
            return key;
        }

        var (name, handle) = (key[..bar], long.Parse(key[(bar + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            Type?[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (System.Reflection.ReflectionTypeLoadException error)
            {
                types = error.Types;
            }

            if (types.FirstOrDefault(t => t is { IsNested: true } && t.Name == name && t.TypeHandle.Value == (nint)handle) is { } found)
            {
                return $"{found.DeclaringType?.FullName}+{name}";
            }
        }

        return name;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // The GC keyword (1) at verbose level carries the allocation ticks.
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != AllocationTick || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var type = eventData.PayloadNames.IndexOf("TypeName");
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64");
        var id = eventData.PayloadNames.IndexOf("TypeID");
        if (type >= 0 && amount >= 0 && eventData.Payload[type] is string name && eventData.Payload[amount] is ulong bytes)
        {
            // A name without a namespace is a nested type's: kept with its handle, to be named in full when reported.
            var handle = id < 0 || name.Contains('.', StringComparison.Ordinal) ? 0 : eventData.Payload[id] switch
            {
                nint pointer => (long)pointer,
                nuint pointer => (long)pointer,
                ulong value => (long)value,
                long value => value,
                _ => 0,
            };
            var key = handle == 0 ? name : $"{name}|{handle}";
            sizes.AddOrUpdate(key, (long)bytes, (_, sum) => sum + (long)bytes);
        }
    }
}

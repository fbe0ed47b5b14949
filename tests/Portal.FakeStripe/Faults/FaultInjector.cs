namespace Portal.FakeStripe;

/// <summary>
/// Queued faults (next N requests matching a path or predicate) and a seeded random mode. Choosing a fault
/// takes a short lock only while rules exist; with none configured the hot path is one volatile read.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly List<Rule> rules = [];
    private RandomMode? random;
    private volatile bool active;
    private long injected;

    /// <summary>How long <see cref="FaultKind.TimeoutAfterExecution"/> holds a response; make it longer than the client's timeout.</summary>
    public TimeSpan TimeoutHold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many faults have been injected so far.</summary>
    public long Injected => Interlocked.Read(ref injected);

    /// <summary>
    /// Fails the next <paramref name="count"/> requests to <paramref name="target"/>: a path ("/v1/payment_intents"),
    /// optionally with a method ("POST /v1/payment_intents"); a trailing * matches a path prefix.
    /// </summary>
    public void Enqueue(string target, FaultKind kind, int count = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var space = target.IndexOf(' ', StringComparison.Ordinal);
        var method = space < 0 ? null : target[..space];
        var path = space < 0 ? target : target[(space + 1)..];
        Enqueue(
            c => (method is null || string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase)) && PathMatches(c.Path, path),
            kind,
            count);
    }

    /// <summary>Fails the next <paramref name="count"/> requests for which <paramref name="predicate"/> is true.</summary>
    public void Enqueue(Func<FaultContext, bool> predicate, FaultKind kind, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (gate)
        {
            rules.Add(new Rule(predicate, kind, count));
            active = true;
        }
    }

    /// <summary>
    /// From now on each request (matching <paramref name="filter"/>, if given) fails with probability
    /// <paramref name="rate"/>, with a kind drawn from <paramref name="kinds"/>; a seed makes the run repeatable.
    /// Queued rules take precedence.
    /// </summary>
    public void Random(double rate, IReadOnlyList<FaultKind> kinds, int? seed = null, Func<FaultContext, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        ArgumentOutOfRangeException.ThrowIfZero(kinds.Count);
#pragma warning disable CA5394 // Fault timing, not security.
        lock (gate)
        {
            random = new RandomMode(rate, [.. kinds], seed is int s ? new System.Random(s) : new System.Random(), filter);
            active = true;
        }
#pragma warning restore CA5394
    }

    public void StopRandom()
    {
        lock (gate)
        {
            random = null;
            active = rules.Count > 0;
        }
    }

    /// <summary>Removes queued rules and stops random mode.</summary>
    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
            random = null;
            active = false;
        }
    }

    internal FaultKind? Next(FaultContext context)
    {
        if (!active)
        {
            return null;
        }

        lock (gate)
        {
            var fault = TakeQueued(context) ?? DrawRandom(context);
            if (fault is not null)
            {
                Interlocked.Increment(ref injected);
            }

            return fault;
        }
    }

    private FaultKind? TakeQueued(FaultContext context)
    {
        var index = rules.FindIndex(r => r.Predicate(context));
        if (index < 0)
        {
            return null;
        }

        var rule = rules[index];
        rule.Remaining--;
        if (rule.Remaining == 0)
        {
            rules.RemoveAt(index);
            active = rules.Count > 0 || random is not null;
        }

        return rule.Kind;
    }

#pragma warning disable CA5394
    private FaultKind? DrawRandom(FaultContext context) =>
        random is { } m && (m.Filter is null || m.Filter(context)) && m.Source.NextDouble() < m.Rate
            ? m.Kinds[m.Source.Next(m.Kinds.Length)]
            : null;
#pragma warning restore CA5394

    private static bool PathMatches(string path, string pattern) => pattern.EndsWith('*')
        ? path.StartsWith(pattern[..^1], StringComparison.Ordinal)
        : string.Equals(path, pattern, StringComparison.Ordinal);

    private sealed class Rule(Func<FaultContext, bool> predicate, FaultKind kind, int remaining)
    {
        public Func<FaultContext, bool> Predicate { get; } = predicate;

        public FaultKind Kind { get; } = kind;

        public int Remaining { get; set; } = remaining;
    }

    private sealed record RandomMode(double Rate, FaultKind[] Kinds, System.Random Source, Func<FaultContext, bool>? Filter);
}

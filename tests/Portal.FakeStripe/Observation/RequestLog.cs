using System.Collections.Concurrent;

namespace Portal.FakeStripe;

/// <summary>One request as the fake answered it. Status 0: no answer was sent (timeout or dropped connection fault).</summary>
public sealed record LoggedRequest(string Method, string Path, string? IdempotencyKey, int Status, bool Replayed, FaultKind? Fault, string RequestId);

/// <summary>
/// What the fake was asked, for assertions such as "one PaymentIntent was created for this key".
/// Lock-free (a queue and counters); set <see cref="KeepEntries"/> to false in a long benchmark to keep only counts.
/// </summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<LoggedRequest> entries = new();
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    /// <summary>Whether each request is kept in <see cref="Entries"/>; counts are always kept.</summary>
    public bool KeepEntries { get; set; } = true;

    /// <summary>Every logged request, oldest first (a snapshot).</summary>
    public IReadOnlyList<LoggedRequest> Entries => [.. entries];

    /// <summary>Count per "METHOD /path" (a snapshot).</summary>
    public IReadOnlyDictionary<string, long> Counts => new Dictionary<string, long>(counts, StringComparer.Ordinal);

    /// <summary>How many requests were made to exactly this method and path.</summary>
    public long Count(string method, string path) => counts.GetValueOrDefault($"{method} {path}");

    /// <summary>Logged requests carrying this Idempotency-Key, oldest first.</summary>
    public IReadOnlyList<LoggedRequest> ForKey(string idempotencyKey) =>
        [.. entries.Where(e => e.IdempotencyKey == idempotencyKey)];

    public void Clear()
    {
        entries.Clear();
        counts.Clear();
    }

    internal void Add(LoggedRequest request)
    {
        counts.AddOrUpdate($"{request.Method} {request.Path}", 1, (_, n) => n + 1);
        if (KeepEntries)
        {
            entries.Enqueue(request);
        }
    }
}

using System.Collections.Concurrent;

namespace Portal.FakeStripe;

/// <summary>A finished response kept for replay: status and body bytes exactly as first sent.</summary>
internal sealed record StoredResponse(int Status, byte[] Body, string RequestId);

internal enum IdempotencyDecision
{
    Execute,
    Replay,
    Mismatch,
    InFlight,
}

/// <summary>
/// Stripe's idempotency keys. The first request with a key claims it (lock-free TryAdd) and, once it has
/// executed, stores its status and body; a repeat with the same fingerprint (method + path + body) gets
/// those bytes back, a repeat with other parameters is refused, and a repeat while the first is still
/// running gets a 409, as Stripe answers. A request that never starts executing leaves no entry.
/// </summary>
internal sealed class IdempotencyStore
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public int Count => entries.Count;

    public IdempotencyDecision Begin(string key, string fingerprint, out Entry entry)
    {
        var mine = new Entry(fingerprint);
        entry = entries.GetOrAdd(key, mine);
        if (ReferenceEquals(entry, mine))
        {
            return IdempotencyDecision.Execute;
        }

        return entry.Response is null ? IdempotencyDecision.InFlight
            : entry.Fingerprint != fingerprint ? IdempotencyDecision.Mismatch
            : IdempotencyDecision.Replay;
    }

    public static void Complete(Entry entry, StoredResponse response) => entry.Response = response;

    /// <summary>Releases a claimed key whose request never executed (client gone during latency, fake bug).</summary>
    public void Abandon(string key, Entry entry) => entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));

    public void Clear() => entries.Clear();

    internal sealed class Entry(string fingerprint)
    {
        private volatile StoredResponse? response;

        public string Fingerprint { get; } = fingerprint;

        public StoredResponse? Response
        {
            get => response;
            set => response = value;
        }
    }
}

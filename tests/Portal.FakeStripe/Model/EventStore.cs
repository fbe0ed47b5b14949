using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

/// <summary>A webhook event the fake produced. <see cref="Json"/> is the exact payload to sign and deliver.</summary>
public sealed record FakeEvent(string Id, string Type, DateTimeOffset Created, string Json)
{
    internal long Seq { get; init; }

    /// <summary>Parses the payload with Stripe.net, as a webhook handler would after checking the signature.</summary>
    public Stripe.Event ToStripeEvent() => Stripe.EventUtility.ParseEvent(Json, throwOnApiVersionMismatch: true);
}

/// <summary>
/// Events in creation order. The payload is serialised once, when the event happens, so it holds the object
/// "at that moment" and later reads (API, webhook delivery) return identical bytes.
/// </summary>
internal sealed class EventStore(FakeStripeStore store)
{
    private readonly ConcurrentDictionary<string, FakeEvent> byId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeEvent> ordered = new();

    public FakeEvent Record(string type, JsonObject dataObject, RequestInfo? request)
    {
        var id = store.Ids.Next("evt");
        var created = store.Now();
        var json = Renderer.Event(id, type, created, dataObject, request).ToJsonString();
        var e = new FakeEvent(id, type, DateTimeOffset.FromUnixTimeSeconds(created), json) { Seq = store.NextSeq() };
        byId[id] = e;
        ordered.Enqueue(e);
        return e;
    }

    public bool TryGet(string id, out FakeEvent e) => byId.TryGetValue(id, out e!);

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<FakeEvent> All() => [.. ordered.OrderBy(e => e.Seq)];
}

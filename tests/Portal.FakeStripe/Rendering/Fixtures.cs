using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

/// <summary>
/// Stripe's example objects (openapi fixtures3.json, MIT), embedded in this assembly and parsed once per
/// process. Every response object starts as a deep clone of one of them, so its shape is Stripe's own and
/// the fake only overrides the fields that carry meaning.
/// </summary>
public static class FakeStripeFixtures
{
    /// <summary>The resources the fake renders from.</summary>
    public static IReadOnlyList<string> UsedResources { get; } =
    [
        "checkout.session", "payment_intent", "charge", "balance_transaction", "customer",
        "event", "refund", "payout", "dispute", "payment_method", "setup_intent", "deleted_customer",
    ];

    private static readonly Lazy<FrozenDictionary<string, string>> Raw = new(Load);

    // Templates are never mutated or enumerated, only deep-cloned: a JsonNode that has not been read stays
    // backed by its immutable JsonElement, so concurrent DeepClone calls are safe and cheap.
    private static readonly Lazy<FrozenDictionary<string, JsonObject>> Templates = new(() =>
        Raw.Value.ToFrozenDictionary(p => p.Key, p => JsonNode.Parse(p.Value)!.AsObject(), StringComparer.Ordinal));

    /// <summary>The fixture object's JSON text exactly as Stripe publishes it.</summary>
    public static string Json(string resource) => Raw.Value[resource];

    /// <summary>A fresh, mutable copy of the fixture object.</summary>
    internal static JsonObject Create(string resource) => Templates.Value[resource].DeepClone().AsObject();

    private static FrozenDictionary<string, string> Load()
    {
        using var stream = typeof(FakeStripeFixtures).Assembly.GetManifestResourceStream("Portal.FakeStripe.fixtures3.json")
            ?? throw new InvalidOperationException("fixtures3.json is not embedded in Portal.FakeStripe.");
        using var document = JsonDocument.Parse(stream);
        var resources = document.RootElement.GetProperty("resources");
        return UsedResources.ToFrozenDictionary(r => r, r => resources.GetProperty(r).GetRawText(), StringComparer.Ordinal);
    }
}

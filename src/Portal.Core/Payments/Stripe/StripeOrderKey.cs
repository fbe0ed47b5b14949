using System.Text.Json;

namespace Portal.Core.Payments.Stripe;

/// <summary>
/// The payment a Stripe-shaped event (Stripe's own or the sandbox's) is about, so that events of one payment are
/// applied in the order they arrived: a PaymentIntent's own id; for a session, charge, refund or dispute the
/// PaymentIntent it names; else the object's id. Null when the payload has no object id.
/// </summary>
public static class StripeOrderKey
{
    private const int MaxLength = 255;

    public static string? Of(string type, string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("object", out var dataObject) && dataObject.ValueKind == JsonValueKind.Object
                    ? Of(type, dataObject)
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The same, from the event's <c>data.object</c> already parsed (the webhook's one pass over the body).</summary>
    public static string? Of(string type, JsonElement dataObject)
    {
        var key = type.StartsWith("payment_intent.", StringComparison.Ordinal) ? Text(dataObject, "id")
            : Text(dataObject, "payment_intent") ?? Text(dataObject, "id");
        return key is { Length: > MaxLength } ? key[..MaxLength] : key;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString() : null;
}

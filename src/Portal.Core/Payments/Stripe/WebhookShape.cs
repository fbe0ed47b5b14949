using System.Text.Json;

namespace Portal.Core.Payments.Stripe;

/// <summary>
/// The outline every Stripe event has, read in one pass over the body: an object with a non-blank string <c>id</c> and
/// <c>type</c>, a whole-number <c>created</c>, a string <c>api_version</c> and a <c>data.object</c> that is an object.
/// A correctly signed body without it (<c>[]</c>, <c>{}</c>, a string) is refused with the reason. The same pass reads
/// the payment the event is about (<see cref="StripeOrderKey"/>). What the event says beyond that is read by Stripe.net's
/// own types when the event is applied (<see cref="StripeEventReader"/>).
/// </summary>
internal static class WebhookShape
{
    private const string NotAnEvent = "The body is not a Stripe event";

    /// <summary>The event's outline, or null with the reason in <paramref name="problem"/>.</summary>
    public static EventOutline? Read(string body, out string problem)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            problem = Problem(root) ?? "";
            if (problem.Length > 0)
            {
                return null;
            }

            var type = root.GetProperty("type").GetString()!;
            return new EventOutline(
                root.GetProperty("id").GetString()!,
                type,
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("created").GetInt64()).UtcDateTime,
                root.GetProperty("api_version").GetString()!,
                StripeOrderKey.Of(type, root.GetProperty("data").GetProperty("object")));
        }
        catch (JsonException)
        {
            problem = "The body is not JSON.";
            return null;
        }
    }

    private static string? Problem(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return $"{NotAnEvent}: it is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object.";
        }

        // A thin event ("v2.core.event") is a notification to fetch the event, not the event: never on this endpoint.
        if (root.TryGetProperty("object", out var kind) && (kind.ValueKind != JsonValueKind.String || kind.GetString() != "event"))
        {
            return $"{NotAnEvent}: \"object\" is not \"event\".";
        }

        foreach (var name in (string[])["id", "type", "api_version"])
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                return $"{NotAnEvent}: \"{name}\" is missing or not a non-blank string.";
            }
        }

        // Unix seconds within the years DateTime holds (1 to 9999).
        if (!root.TryGetProperty("created", out var created) || created.ValueKind != JsonValueKind.Number
            || !created.TryGetInt64(out var seconds) || seconds is < -62_135_596_800 or > 253_402_300_799)
        {
            return $"{NotAnEvent}: \"created\" is missing or not a time in whole seconds.";
        }

        return root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("object", out var dataObject) && dataObject.ValueKind == JsonValueKind.Object
                ? null
                : $"{NotAnEvent}: \"data.object\" is missing or not an object.";
    }
}

/// <summary>
/// What the webhook needs of a verified event to store it: its id, type, creation time, API version and the payment it
/// is about.
/// </summary>
internal sealed record EventOutline(string Id, string Type, DateTime Created, string ApiVersion, string? OrderKey);

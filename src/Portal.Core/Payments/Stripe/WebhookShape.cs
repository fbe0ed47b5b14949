using System.Text.Json;

namespace Portal.Core.Payments.Stripe;

/// <summary>
/// The outline every Stripe event has: an object with a non-blank string <c>id</c> and <c>type</c> and a numeric
/// <c>created</c>. A correctly signed body without it (<c>[]</c>, <c>{}</c>, a string) is refused with the reason.
/// </summary>
internal static class WebhookShape
{
    public static string? Problem(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"The body is not a Stripe event: it is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object.";
            }

            foreach (var name in (string[])["id", "type"])
            {
                if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String
                    || string.IsNullOrWhiteSpace(value.GetString()))
                {
                    return $"The body is not a Stripe event: \"{name}\" is missing or not a non-blank string.";
                }
            }

            return root.TryGetProperty("created", out var created) && created.ValueKind == JsonValueKind.Number
                ? null
                : "The body is not a Stripe event: \"created\" is missing or not a number.";
        }
        catch (JsonException)
        {
            return "The body is not JSON.";
        }
    }
}

using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

/// <summary>
/// Stripe's <c>expand</c>: replaces an id with the object it names, following dotted paths
/// (<c>payment_intent.latest_charge.balance_transaction</c>) and <c>data.</c> into lists.
/// </summary>
internal sealed class Expander(Renderer renderer)
{
    public JsonObject Apply(JsonObject target, IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            Expand(target, path.Split('.'), 0);
        }

        return target;
    }

    private void Expand(JsonNode? node, string[] parts, int index)
    {
        if (index == parts.Length || node is not JsonObject obj)
        {
            return;
        }

        var field = parts[index];
        if (!obj.TryGetPropertyValue(field, out var value))
        {
            throw StripeErrors.Invalid($"This property cannot be expanded ({string.Join('.', parts[..(index + 1)])}).");
        }

        if (field == "data" && value is JsonArray items && obj["object"]?.GetValue<string>() is "list" or "search_result")
        {
            foreach (var item in items)
            {
                Expand(item, parts, index + 1);
            }

            return;
        }

        if (value is JsonValue v && v.TryGetValue<string>(out var id))
        {
            value = renderer.Resolve(id);
            if (value is null)
            {
                return;
            }

            obj[field] = value;
        }

        Expand(value, parts, index + 1);
    }
}

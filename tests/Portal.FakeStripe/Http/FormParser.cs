using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

/// <summary>
/// Turns Stripe's bracketed form encoding (<c>line_items[0][price_data][unit_amount]=1000</c>,
/// <c>expand[]=x</c>) into a nested <see cref="JsonObject"/>. Every leaf stays a string, as Stripe's own
/// parser sees it; handlers convert and validate. Objects whose keys are all indexes become arrays.
/// </summary>
internal static class FormParser
{
    public static JsonObject Parse(string? encoded)
    {
        var root = new JsonObject();
        if (string.IsNullOrEmpty(encoded))
        {
            return root;
        }

        foreach (var pair in encoded.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
            Insert(root, Segments(key), value);
        }

        return (JsonObject)ToArrays(root);
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

    /// <summary>"a[b][0]" → ["a", "b", "0"]; "a[]" → ["a", ""] where "" means "append".</summary>
    private static List<string> Segments(string key)
    {
        var segments = new List<string>();
        var open = key.IndexOf('[', StringComparison.Ordinal);
        segments.Add(open < 0 ? key : key[..open]);
        while (open >= 0)
        {
            var close = key.IndexOf(']', open);
            if (close < 0)
            {
                break;
            }

            segments.Add(key[(open + 1)..close]);
            open = key.IndexOf('[', close);
        }

        return segments;
    }

    private static void Insert(JsonObject node, List<string> segments, string value)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            // "[]" appends: while building, arrays are objects keyed by index, converted at the end.
            var name = segments[i].Length == 0 ? node.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : segments[i];
            if (i == segments.Count - 1)
            {
                node[name] = value;
                return;
            }

            if (node[name] is not JsonObject child)
            {
                child = new JsonObject();
                node[name] = child;
            }

            node = child;
        }
    }

    private static JsonNode ToArrays(JsonObject obj)
    {
        var names = obj.Select(p => p.Key).ToList();
        foreach (var name in names)
        {
            if (obj[name] is JsonObject child)
            {
                obj[name] = ToArrays(child);
            }
        }

        if (obj.Count == 0 || !obj.All(p => int.TryParse(p.Key, out _)))
        {
            return obj;
        }

        var ordered = obj.OrderBy(p => int.Parse(p.Key, System.Globalization.CultureInfo.InvariantCulture))
            .Select(p => p.Value).ToList();
        obj.Clear();
        var array = new JsonArray();
        foreach (var item in ordered)
        {
            array.Add(item);
        }

        return array;
    }
}

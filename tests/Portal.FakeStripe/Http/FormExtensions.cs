using System.Globalization;
using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

/// <summary>Typed reads of form parameters that fail the way Stripe does (missing, invalid integer, ...).</summary>
internal static class FormExtensions
{
    public static string? Str(this JsonObject? form, string name) =>
        form?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A non-empty string or null: Stripe treats <c>customer=</c> as "unset".</summary>
    public static string? NonEmpty(this JsonObject? form, string name) =>
        form.Str(name) is { Length: > 0 } s ? s : null;

    public static string Required(this JsonObject? form, string name, string param) =>
        form.NonEmpty(name) ?? throw StripeErrors.Missing(param);

    public static JsonObject? Obj(this JsonObject? form, string name) => form?[name] as JsonObject;

    public static JsonArray? Arr(this JsonObject? form, string name) => form?[name] as JsonArray;

    public static long? Long(this JsonObject? form, string name, string param)
    {
        var raw = form.NonEmpty(name);
        if (raw is null)
        {
            return null;
        }

        return long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw StripeErrors.Invalid($"Invalid integer: {raw}", param);
    }

    public static bool Bool(this JsonObject? form, string name, string param) => form.NonEmpty(name) switch
    {
        null or "false" => false,
        "true" => true,
        var other => throw StripeErrors.Invalid($"Invalid boolean: {other}", param),
    };

    public static string? OneOf(this JsonObject? form, string name, string param, params string[] allowed)
    {
        var value = form.NonEmpty(name);
        return value is null || allowed.Contains(value)
            ? value
            : throw StripeErrors.Invalid($"Invalid {param}: must be one of {string.Join(", ", allowed)}", param);
    }

    public static IReadOnlyDictionary<string, string> Metadata(this JsonObject? form, string name = "metadata")
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (form.Obj(name) is { } metadata)
        {
            foreach (var (key, value) in metadata)
            {
                // An empty value unsets a key in Stripe, so it never appears in the object.
                if (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0)
                {
                    result[key] = s;
                }
            }
        }

        return result;
    }

    public static IReadOnlyList<string> Strings(this JsonObject? form, string name) => form?[name] switch
    {
        JsonArray array => array.Select(n => n?.GetValue<string>()).OfType<string>().Where(s => s.Length > 0).ToList(),
        JsonValue v when v.TryGetValue<string>(out var s) && s.Length > 0 => [s],
        _ => [],
    };

    public static IReadOnlyList<string> Expand(this JsonObject? form) => form.Strings("expand");
}

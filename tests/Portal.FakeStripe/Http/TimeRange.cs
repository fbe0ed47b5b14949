using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

/// <summary>
/// Stripe's filter on a timestamp field of a list: <c>created=1700000000</c> for an exact second, or any of
/// <c>created[gt]</c>, <c>[gte]</c>, <c>[lt]</c>, <c>[lte]</c> together.
/// </summary>
internal sealed record TimeRange(long? Exact, long? Gt, long? Gte, long? Lt, long? Lte)
{
    public static TimeRange From(JsonObject form, string field)
    {
        var range = form.Obj(field);
        var exact = range is null ? form.Long(field, field) : null;
        return new TimeRange(exact, range.Long("gt", $"{field}[gt]"), range.Long("gte", $"{field}[gte]"),
            range.Long("lt", $"{field}[lt]"), range.Long("lte", $"{field}[lte]"));
    }

    public bool Contains(long at) =>
        (Exact is null || at == Exact) && (Gt is null || at > Gt) && (Gte is null || at >= Gte)
        && (Lt is null || at < Lt) && (Lte is null || at <= Lte);
}

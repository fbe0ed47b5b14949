using System.Globalization;
using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

internal sealed partial class Api
{
    /// <summary><c>GET /v1/balance_transactions</c>: newest first, filtered, cursor-paged like Stripe's lists.</summary>
    private ApiResult ListBalanceTransactions(ApiRequest r)
    {
        var p = r.Params;
        var payout = p.NonEmpty("payout");
        if (payout is not null && !store.Payouts.ContainsKey(payout))
        {
            throw StripeErrors.NoSuch("payout", payout, "payout");
        }

        var type = p.NonEmpty("type");
        var currency = p.NonEmpty("currency");
        var source = p.NonEmpty("source");
        var matching = store.BalanceTransactions.Values
            .Where(t => (payout is null || t.Payout == payout) && (type is null || t.Type == type)
                && (currency is null || t.Currency == currency) && (source is null || t.Source == source))
            .OrderByDescending(t => t.Seq)
            .ToList();
        var (page, hasMore) = Page(r, matching, t => t.Id);
        return Ok(r, Renderer.List("/v1/balance_transactions", page.Select(t => (JsonNode)Renderer.BalanceTransaction(t)), hasMore));
    }

    /// <summary>
    /// <c>GET /v1/events</c>: newest first, with <c>type</c> (a trailing * is a wildcard), <c>types[]</c> and <c>created</c> filters.
    /// </summary>
    private ApiResult ListEvents(ApiRequest r)
    {
        var p = r.Params;
        var type = p.NonEmpty("type");
        var types = p.Strings("types");
        var created = TimeRange.From(p, "created");
        var matching = events.All()
            .Where(e => TypeMatches(e.Type, type) && (types.Count == 0 || types.Contains(e.Type)))
            .Where(e => created.Contains(e.Created.ToUnixTimeSeconds()))
            .Reverse()
            .ToList();
        var (page, hasMore) = Page(r, matching, e => e.Id);
        return Ok(r, Renderer.List("/v1/events", page.Select(e => JsonNode.Parse(e.Json)!), hasMore));
    }

    private static bool TypeMatches(string actual, string? wanted) => wanted switch
    {
        null => true,
        _ when wanted.EndsWith('*') => actual.StartsWith(wanted[..^1], StringComparison.Ordinal),
        _ => actual == wanted,
    };

    /// <summary>Stripe's cursor paging over a newest-first list: <c>limit</c>, <c>starting_after</c>, <c>ending_before</c>.</summary>
    private static (List<T> Page, bool HasMore) Page<T>(ApiRequest r, List<T> newestFirst, Func<T, string> id)
    {
        var limit = Limit(r);
        if (r.Params.NonEmpty("starting_after") is { } after)
        {
            var index = newestFirst.FindIndex(x => id(x) == after);
            if (index < 0)
            {
                throw StripeErrors.NoSuch("object", after, "starting_after", 400);
            }

            var rest = newestFirst.Skip(index + 1).ToList();
            return (rest.Take(limit).ToList(), rest.Count > limit);
        }

        if (r.Params.NonEmpty("ending_before") is { } before)
        {
            var index = newestFirst.FindIndex(x => id(x) == before);
            if (index < 0)
            {
                throw StripeErrors.NoSuch("object", before, "ending_before", 400);
            }

            var start = Math.Max(0, index - limit);
            return (newestFirst.Skip(start).Take(index - start).ToList(), start > 0);
        }

        return (newestFirst.Take(limit).ToList(), newestFirst.Count > limit);
    }

    private static int Limit(ApiRequest r)
    {
        var limit = r.Params.Long("limit", "limit") ?? 10;
        return limit is >= 1 and <= 100
            ? (int)limit
            : throw StripeErrors.Invalid(
                string.Create(CultureInfo.InvariantCulture, $"Invalid limit: must be an integer between 1 and 100 (got {limit})."),
                "limit");
    }
}

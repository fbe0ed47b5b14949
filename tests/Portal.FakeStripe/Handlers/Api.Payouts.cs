using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

internal sealed partial class Api
{
    /// <summary><c>GET /v1/payouts</c>: newest first, with <c>status</c>, <c>arrival_date</c> and <c>created</c> filters.</summary>
    private ApiResult ListPayouts(ApiRequest r)
    {
        var p = r.Params;
        var status = p.NonEmpty("status");
        var arrival = TimeRange.From(p, "arrival_date");
        var created = TimeRange.From(p, "created");
        var matching = store.Payouts.Values
            .Where(x => (status is null || x.Status == status) && arrival.Contains(x.ArrivalDate) && created.Contains(x.Created))
            .OrderByDescending(x => x.Seq)
            .ToList();
        var (page, hasMore) = Page(r, matching, x => x.Id);
        return Ok(r, Renderer.List("/v1/payouts", page.Select(x => (JsonNode)Renderer.Payout(x)), hasMore));
    }
}

using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

internal sealed partial class Api
{
    /// <summary><c>GET /v1/disputes</c>: newest first, with <c>charge</c>, <c>payment_intent</c> and <c>created</c> filters.</summary>
    private ApiResult ListDisputes(ApiRequest r)
    {
        var p = r.Params;
        var charge = p.NonEmpty("charge");
        var paymentIntent = p.NonEmpty("payment_intent");
        var created = TimeRange.From(p, "created");
        var matching = store.Disputes.Values
            .Where(x => (charge is null || x.Charge == charge) && (paymentIntent is null || x.PaymentIntent == paymentIntent)
                && created.Contains(x.Created))
            .OrderByDescending(x => x.Seq)
            .ToList();
        var (page, hasMore) = Page(r, matching, x => x.Id);
        return Ok(r, Renderer.List("/v1/disputes", page.Select(x => (JsonNode)renderer.Dispute(x)), hasMore));
    }
}

using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

internal sealed partial class Api
{
    /// <summary>
    /// <c>POST /v1/refunds</c> for a charge or a PaymentIntent's latest charge. Events (when recorded) are
    /// <c>charge.refunded</c> then <c>refund.created</c>; an idempotent replay records nothing again.
    /// </summary>
    private ApiResult CreateRefund(ApiRequest r)
    {
        var p = r.Params;
        var chargeId = p.NonEmpty("charge");
        if (p.NonEmpty("payment_intent") is { } piId)
        {
            var pi = store.PaymentIntents.TryGetValue(piId, out var found)
                ? found
                : throw StripeErrors.NoSuch("payment_intent", piId, "payment_intent", 400);
            chargeId = pi.Status == "succeeded" && pi.LatestCharge is not null
                ? pi.LatestCharge
                : throw StripeErrors.Invalid($"This PaymentIntent ({piId}) does not have a successful charge to refund.", "payment_intent");
        }

        if (chargeId is null)
        {
            throw StripeErrors.Invalid("One of the following params should be provided for this request: payment_intent or charge.");
        }

        var refund = store.Charges.ContainsKey(chargeId)
            ? refunds.Create(chargeId, p.Long("amount", "amount"), p.NonEmpty("reason"), p.Metadata())
            : throw StripeErrors.NoSuch("charge", chargeId, "charge", 400);
        if (store.Options.RecordApiEvents)
        {
            events.Record("charge.refunded", renderer.Charge(store.Charges[chargeId]), r.Info);
            events.Record("refund.created", Renderer.Refund(refund), r.Info);
        }

        return Ok(r, Renderer.Refund(refund));
    }

    /// <summary><c>GET /v1/refunds</c>: newest first, with <c>charge</c>, <c>payment_intent</c> and <c>created</c> filters.</summary>
    private ApiResult ListRefunds(ApiRequest r)
    {
        var p = r.Params;
        var charge = p.NonEmpty("charge");
        var paymentIntent = p.NonEmpty("payment_intent");
        var created = TimeRange.From(p, "created");
        var matching = store.Refunds.Values
            .Where(x => (charge is null || x.Charge == charge) && (paymentIntent is null || x.PaymentIntent == paymentIntent)
                && created.Contains(x.Created))
            .OrderByDescending(x => x.Seq)
            .ToList();
        var (page, hasMore) = Page(r, matching, x => x.Id);
        return Ok(r, Renderer.List("/v1/refunds", page.Select(x => (JsonNode)Renderer.Refund(x)), hasMore));
    }
}

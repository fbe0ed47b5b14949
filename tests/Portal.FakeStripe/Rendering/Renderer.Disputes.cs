using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

internal sealed partial class Renderer
{
    public JsonObject Dispute(DisputeRecord d)
    {
        var o = FakeStripeFixtures.Create("dispute");
        var open = d.Status is "needs_response" or "under_review";
        o["id"] = d.Id;
        o["amount"] = d.Amount;
        o["currency"] = d.Currency;
        o["charge"] = d.Charge;
        o["payment_intent"] = d.PaymentIntent;
        o["created"] = d.Created;
        o["reason"] = d.Reason;
        o["status"] = d.Status;
        // Full objects, as Stripe embeds them: the withdrawal, then the reinstatement of a won dispute.
        o["balance_transactions"] = new JsonArray(d.BalanceTransactions.Where(store.BalanceTransactions.ContainsKey)
            .Select(id => (JsonNode?)BalanceTransaction(store.BalanceTransactions[id])).ToArray());
        var evidence = o["evidence_details"]!.AsObject();
        evidence["due_by"] = d.EvidenceDueBy;
        evidence["has_evidence"] = false;
        evidence["past_due"] = open && d.EvidenceDueBy < store.Now();
        evidence["submission_count"] = 0;
        o["is_charge_refundable"] = false;
        o["metadata"] = new JsonObject();
        o["payment_method_details"] = d.IsBankReturn ? null : CardDispute(store.Charges[d.Charge], d.Reason);
        o["enhanced_eligibility_types"] = new JsonArray();
        return o;
    }

    private static JsonObject CardDispute(ChargeRecord c, string reason) => new()
    {
        ["card"] = new JsonObject
        {
            ["brand"] = c.Behavior.Brand,
            ["case_type"] = "chargeback",
            // Visa's codes for the reasons a donor is likely to give; Stripe passes the network's code through.
            ["network_reason_code"] = reason switch
            {
                "fraudulent" => "10.4",
                "product_not_received" => "13.1",
                "duplicate" => "12.6.1",
                "subscription_canceled" => "13.2",
                _ => "13.7",
            },
            ["network"] = c.Behavior.Brand,
        },
        ["type"] = "card",
    };
}

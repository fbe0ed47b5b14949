using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

internal sealed partial class Renderer
{
    public JsonObject PaymentIntent(FakePaymentIntent p)
    {
        var o = FakeStripeFixtures.Create("payment_intent");
        o["id"] = p.Id;
        o["amount"] = p.Amount;
        o["amount_received"] = p.AmountReceived;
        o["client_secret"] = p.Id + "_secret_fake";
        o["created"] = p.Created.ToUnixTimeSeconds();
        o["currency"] = p.Currency;
        o["customer"] = p.Customer;
        o["description"] = p.Description;
        o["latest_charge"] = p.LatestCharge;
        o["metadata"] = Metadata(p.Metadata);
        o["payment_method"] = p.PaymentMethod;
        o["setup_future_usage"] = p.SetupFutureUsage;
        o["status"] = p.Status;
        o["payment_method_types"] = new JsonArray(PaymentMethodType(p.PaymentMethod ?? p.LastErrorPaymentMethod));
        o["payment_method_options"] = new JsonObject();
        o["last_payment_error"] = p.LastError is { } d ? LastPaymentError(p, d) : null;
        o["next_action"] = p.Status == "requires_action"
            ? new JsonObject { ["type"] = "use_stripe_sdk", ["use_stripe_sdk"] = new JsonObject { ["type"] = "three_d_secure_redirect" } }
            : null;
        Null(o, "automatic_payment_methods", "canceled_at", "payment_method_configuration_details",
            "processing", "shipping", "transfer_data", "source", "managed_payments");
        return o;
    }

    public JsonObject Charge(ChargeRecord c)
    {
        var o = FakeStripeFixtures.Create("charge");
        var succeeded = c.Status == "succeeded";
        o["id"] = c.Id;
        o["amount"] = c.Amount;
        o["amount_captured"] = succeeded ? c.Amount : 0;
        o["amount_refunded"] = c.AmountRefunded;
        o["refunded"] = c.AmountRefunded > 0 && c.AmountRefunded == c.Amount;
        o["disputed"] = c.Disputed;
        o["balance_transaction"] = c.BalanceTransaction;
        o["captured"] = succeeded;
        o["paid"] = succeeded;
        o["created"] = c.Created;
        o["currency"] = c.Currency;
        o["customer"] = c.Customer;
        o["description"] = c.Description;
        o["metadata"] = Metadata(c.Metadata);
        o["payment_intent"] = c.PaymentIntent;
        o["payment_method"] = c.PaymentMethod;
        o["status"] = c.Status;
        o["failure_code"] = c.Failure?.Code;
        o["failure_message"] = c.Failure?.Message;
        o["outcome"] = Outcome(c);
        o["payment_method_details"] = PaymentMethodDetails(c, o["payment_method_details"]!.AsObject());
        o["receipt_url"] = $"{baseUrl}/receipts/{c.Id}";
        o["refunds"] = List($"/v1/charges/{c.Id}/refunds",
            c.Refunds.Reverse().Where(store.Refunds.ContainsKey).Select(id => (JsonNode)Refund(store.Refunds[id])), false);
        o["billing_details"]!["name"] = null;
        Null(o, "source", "transfer_data", "calculated_statement_descriptor");
        return o;
    }

    private JsonObject LastPaymentError(FakePaymentIntent p, Decline d)
    {
        var error = StripeErrors.ErrorObject(p.LastErrorType ?? "card_error", d.Message, d.Code, null);
        error["decline_code"] = d.DeclineCode;
        error["charge"] = d.CreatesCharge ? p.LatestCharge : null;
        error["payment_method"] = p.LastErrorPaymentMethod is { } pm ? PaymentMethod(pm) : null;
        return error;
    }

    private string PaymentMethodType(string? paymentMethod) =>
        paymentMethod is not null && store.PaymentMethods.TryGetValue(paymentMethod, out var saved) ? saved.Behavior.Type
        : paymentMethod is not null && TestPaymentMethods.TryGet(paymentMethod, out var test) ? test.Type
        : "card";

    private static JsonObject Outcome(ChargeRecord c)
    {
        var declined = c.Failure is not null;
        return new JsonObject
        {
            ["advice_code"] = null,
            ["network_advice_code"] = null,
            ["network_decline_code"] = null,
            ["network_status"] = declined ? "declined_by_network" : "approved_by_network",
            ["reason"] = c.Failure?.DeclineCode,
            ["risk_level"] = "normal",
            ["seller_message"] = declined ? "The bank did not return any further details with this decline." : "Payment complete.",
            ["type"] = declined ? "issuer_declined" : "authorized",
        };
    }

    private static JsonObject PaymentMethodDetails(ChargeRecord c, JsonObject details)
    {
        var b = c.Behavior;
        if (!b.IsCard)
        {
            return new JsonObject { ["type"] = b.Type, [b.Type] = SepaDetails(b) };
        }

        var card = details["card"]!.AsObject();
        card["brand"] = b.Brand;
        card["network"] = b.Brand;
        card["last4"] = b.Last4;
        card["fingerprint"] = Fingerprint(b);
        card["wallet"] = null;
        card["overcapture"]!["maximum_amount_capturable"] = c.Amount;
        return details;
    }
}

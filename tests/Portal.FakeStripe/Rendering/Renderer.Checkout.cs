using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

internal sealed partial class Renderer
{
    public JsonObject Session(SessionRecord s)
    {
        var o = FakeStripeFixtures.Create("checkout.session");
        var open = s.Status == "open";
        o["id"] = s.Id;
        o["amount_subtotal"] = s.AmountTotal;
        o["amount_total"] = s.AmountTotal;
        o["cancel_url"] = s.CancelUrl;
        o["client_reference_id"] = s.ClientReferenceId;
        o["created"] = s.Created;
        o["currency"] = s.Currency;
        o["customer"] = s.Customer;
        o["customer_creation"] = s.CustomerCreation;
        o["customer_email"] = s.CustomerEmail;
        o["customer_details"] = open ? null : CustomerDetails(s);
        o["expires_at"] = s.ExpiresAt;
        o["locale"] = s.Locale;
        o["metadata"] = Metadata(s.Metadata);
        o["mode"] = s.Mode;
        o["payment_intent"] = s.PaymentIntent;
        o["payment_method_types"] = new JsonArray(s.PaymentMethodTypes.Select(t => (JsonNode?)t).ToArray());
        o["payment_status"] = s.PaymentStatus;
        o["status"] = s.Status;
        o["submit_type"] = s.SubmitType;
        o["setup_intent"] = s.SetupIntent;
        if (s.Mode == "setup")
        {
            // A setup session takes no money: Stripe reports no totals and "no_payment_required" throughout.
            Null(o, "amount_subtotal", "amount_total", "total_details");
            o["payment_status"] = "no_payment_required";
            o["currency"] = s.Currency.Length == 0 ? null : s.Currency;
        }

        o["success_url"] = s.SuccessUrl;
        o["ui_mode"] = "hosted";
        // Stripe clears the hosted page URL once the session can no longer be paid.
        o["url"] = open ? s.Url : null;
        o["custom_fields"] = new JsonArray();
        o["shipping_options"] = new JsonArray();
        o["discounts"] = new JsonArray();
        o["payment_method_options"] = new JsonObject();
        o["total_details"] = new JsonObject { ["amount_discount"] = 0, ["amount_shipping"] = 0, ["amount_tax"] = 0 };
        o["invoice_creation"]!["enabled"] = false;
        Null(o, "after_expiration", "consent", "consent_collection", "custom_text", "payment_method_configuration_details",
            "saved_payment_method_options", "shipping_address_collection", "shipping_cost", "adaptive_pricing",
            "collected_information", "permissions", "wallet_options", "currency_conversion", "managed_payments",
            "phone_number_collection", "automatic_tax");
        return o;
    }

    /// <summary>The webhook event envelope around a snapshot of the object it is about.</summary>
    public static JsonObject Event(string id, string type, long created, JsonObject dataObject, RequestInfo? request)
    {
        var o = FakeStripeFixtures.Create("event");
        o["id"] = id;
        o["api_version"] = Stripe.StripeConfiguration.ApiVersion;
        o["created"] = created;
        o["data"] = new JsonObject { ["object"] = dataObject };
        o["livemode"] = false;
        o["pending_webhooks"] = 1;
        o["request"] = new JsonObject { ["id"] = request?.RequestId, ["idempotency_key"] = request?.IdempotencyKey };
        o["type"] = type;
        return o;
    }

    private JsonObject CustomerDetails(SessionRecord s)
    {
        var customer = s.Customer is not null && store.Customers.TryGetValue(s.Customer, out var c) ? c : null;
        return new JsonObject
        {
            ["address"] = null,
            ["email"] = s.CustomerEmail ?? customer?.Email ?? "donor@example.com",
            ["name"] = customer?.Name,
            ["phone"] = null,
            ["tax_exempt"] = "none",
            ["tax_ids"] = new JsonArray(),
        };
    }
}

/// <summary>The API request behind a change, echoed in an event's <c>request</c> field (null for dashboard/checkout actions).</summary>
internal sealed record RequestInfo(string RequestId, string? IdempotencyKey);

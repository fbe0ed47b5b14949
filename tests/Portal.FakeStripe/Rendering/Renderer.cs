using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

/// <summary>
/// Builds Stripe JSON for the fake's records: a clone of Stripe's fixture object with the meaningful fields
/// overwritten and example-only values (placeholder transfers, discounts, sources) cleared.
/// </summary>
internal sealed partial class Renderer(FakeStripeStore store, string baseUrl)
{
    /// <summary>Renders any object by id, for <c>expand</c> and for balance transaction sources.</summary>
    public JsonObject? Resolve(string id)
    {
        var prefix = id.AsSpan(0, Math.Max(0, id.IndexOf('_', StringComparison.Ordinal)));
        return prefix switch
        {
            "cus" => store.Customers.TryGetValue(id, out var c) ? Customer(c) : store.DeletedCustomers.ContainsKey(id) ? DeletedCustomer(id) : null,
            "cs" => store.Sessions.TryGetValue(id, out var s) ? Session(s) : null,
            "pi" => store.PaymentIntents.TryGetValue(id, out var p) ? PaymentIntent(p) : null,
            "ch" => store.Charges.TryGetValue(id, out var ch) ? Charge(ch) : null,
            "txn" => store.BalanceTransactions.TryGetValue(id, out var t) ? BalanceTransaction(t) : null,
            "re" => store.Refunds.TryGetValue(id, out var r) ? Refund(r) : null,
            "po" => store.Payouts.TryGetValue(id, out var po) ? Payout(po) : null,
            "du" => store.Disputes.TryGetValue(id, out var du) ? Dispute(du) : null,
            "pm" => PaymentMethod(id),
            "seti" => store.SetupIntents.TryGetValue(id, out var si) ? SetupIntent(si) : null,
            _ => null,
        };
    }

    /// <summary>What Stripe answers for a deleted customer, to the delete and to a later retrieve.</summary>
    public static JsonObject DeletedCustomer(string id)
    {
        var o = FakeStripeFixtures.Create("deleted_customer");
        o["id"] = id;
        return o;
    }

    public static JsonObject Customer(CustomerRecord c)
    {
        var o = FakeStripeFixtures.Create("customer");
        o["id"] = c.Id;
        o["created"] = c.Created;
        o["email"] = c.Email;
        o["name"] = c.Name;
        o["description"] = c.Description;
        o["metadata"] = Metadata(c.Metadata);
        o["currency"] = null;
        o["discount"] = null;
        o["invoice_prefix"] = c.Id[^8..].ToUpperInvariant();
        o["invoice_settings"]!["default_payment_method"] = null;
        return o;
    }

    /// <summary>A saved payment method, or one of Stripe's test ids rendered as the card it stands for.</summary>
    public JsonObject? PaymentMethod(string id)
    {
        if (store.PaymentMethods.TryGetValue(id, out var saved))
        {
            return PaymentMethod(saved);
        }

        return TestPaymentMethods.TryGet(id, out var behavior)
            ? PaymentMethod(new PaymentMethodRecord(id, store.Now(), behavior, null))
            : null;
    }

    public static JsonObject PaymentMethod(PaymentMethodRecord pm)
    {
        var o = FakeStripeFixtures.Create("payment_method");
        var b = pm.Behavior;
        o["id"] = pm.Id;
        o["created"] = pm.Created;
        o["customer"] = pm.Customer;
        o["type"] = b.Type;
        o["metadata"] = new JsonObject();
        o["allow_redisplay"] = pm.Customer is null ? "unspecified" : "always";
        if (b.IsCard)
        {
            var card = o["card"]!.AsObject();
            card["brand"] = b.Brand;
            card["display_brand"] = b.Brand;
            card["last4"] = b.Last4;
            card["fingerprint"] = Fingerprint(b);
            card["networks"] = new JsonObject { ["available"] = new JsonArray(b.Brand), ["preferred"] = null };
            card["wallet"] = null;
            if (pm.Expiry is { } expiry)
            {
                card["exp_month"] = expiry.Month;
                card["exp_year"] = expiry.Year;
            }
        }
        else
        {
            o.Remove("card");
            o[b.Type] = SepaDetails(b);
        }

        return o;
    }

    public static JsonObject List(string url, IEnumerable<JsonNode> data, bool hasMore)
    {
        var array = new JsonArray();
        foreach (var item in data)
        {
            array.Add(item);
        }

        return new JsonObject { ["object"] = "list", ["data"] = array, ["has_more"] = hasMore, ["url"] = url };
    }

    public static JsonObject Metadata(IReadOnlyDictionary<string, string> metadata)
    {
        var o = new JsonObject();
        foreach (var (key, value) in metadata)
        {
            o[key] = value;
        }

        return o;
    }

    private static JsonObject SepaDetails(PaymentMethodBehavior b) => new()
    {
        ["bank_code"] = "37040044",
        ["branch_code"] = "",
        ["country"] = "DE",
        ["fingerprint"] = Fingerprint(b),
        ["generated_from"] = new JsonObject { ["charge"] = null, ["setup_attempt"] = null },
        ["last4"] = b.Last4,
    };

    // Stable per test card, as Stripe's fingerprint is per card number.
    private static string Fingerprint(PaymentMethodBehavior b) => string.Concat("fake", b.Brand, b.Last4);

    private static void Null(JsonObject o, params string[] names)
    {
        foreach (var name in names)
        {
            o[name] = null;
        }
    }
}

using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

/// <summary>
/// <c>POST /v1/checkout/sessions</c>: validates the parameters the portal uses the way Stripe does (missing
/// params, bad enums, non-positive or mixed-currency totals → 400 with <c>param</c>) and builds the session.
/// </summary>
internal sealed class SessionFactory(FakeStripeStore store, string baseUrl)
{
    public SessionRecord Create(JsonObject p)
    {
        var mode = p.NonEmpty("mode") ?? throw StripeErrors.Missing("mode");
        if (mode is not ("payment" or "setup" or "subscription"))
        {
            throw StripeErrors.Invalid($"Invalid mode: must be one of payment, setup, or subscription", "mode");
        }

        if (mode == "subscription")
        {
            throw StripeErrors.Invalid("The fake Stripe implements mode=payment and mode=setup only (got subscription).", "mode");
        }

        var successUrl = p.NonEmpty("success_url") ?? throw StripeErrors.Missing("success_url");
        ValidateUrl(successUrl, "success_url");
        var cancelUrl = p.NonEmpty("cancel_url");
        if (cancelUrl is not null)
        {
            ValidateUrl(cancelUrl, "cancel_url");
        }

        var customer = p.NonEmpty("customer");
        var customerCreation = p.OneOf("customer_creation", "customer_creation", "always", "if_required");
        var customerEmail = p.NonEmpty("customer_email");
        if (customer is not null && customerCreation is not null)
        {
            throw StripeErrors.Invalid("You may only specify one of these parameters: customer, customer_creation.", "customer_creation");
        }

        if (customer is not null && customerEmail is not null)
        {
            throw StripeErrors.Invalid("You may only specify one of these parameters: customer, customer_email.", "customer_email");
        }

        if (customer is not null && !store.Customers.ContainsKey(customer))
        {
            throw StripeErrors.NoSuch("customer", customer, "customer", 400);
        }

        if (mode == "setup")
        {
            return Setup(p, customer, customerEmail, successUrl, cancelUrl);
        }

        var items = LineItems(p.Arr("line_items"));
        var currency = items[0].Currency;
        Money.EnsureSettleable(store.Options, currency);
        var total = items.Sum(i => i.UnitAmount * i.Quantity);
        if (total < Money.Minimum(currency))
        {
            throw StripeErrors.Invalid(
                $"The Checkout Session's total amount due must add up to at least {Money.Format(Money.Minimum(currency), currency)}",
                "line_items",
                "amount_too_small");
        }

        var pid = p.Obj("payment_intent_data");
        var types = p.Strings("allowed_payment_method_types");
        var id = store.Ids.Next("cs_test");
        var now = store.Now();
        return new SessionRecord(id, store.NextSeq(), now, now + 86_400, mode,
            p.OneOf("submit_type", "submit_type", "auto", "book", "donate", "pay", "subscribe"),
            customer, customerCreation, customerEmail, p.NonEmpty("client_reference_id"), successUrl, cancelUrl, p.NonEmpty("locale"),
            items, total, currency, p.Metadata(), pid.Metadata(), pid.NonEmpty("description"),
            pid.OneOf("setup_future_usage", "payment_intent_data[setup_future_usage]", "on_session", "off_session"),
            types.Count == 0 ? ["card"] : types, $"{baseUrl}/pay/{id}");
    }

    /// <summary>
    /// Mode setup saves a payment method for later without taking money: no line items (Stripe refuses them),
    /// an optional currency, and <c>setup_intent_data</c> for the SetupIntent made when the donor completes it.
    /// </summary>
    private SessionRecord Setup(JsonObject p, string? customer, string? customerEmail, string successUrl, string? cancelUrl)
    {
        if (p.Arr("line_items") is { Count: > 0 })
        {
            throw StripeErrors.Invalid("You cannot pass `line_items` in `setup` mode.", "line_items");
        }

        if (p.Obj("payment_intent_data") is not null)
        {
            throw StripeErrors.Invalid("You can not pass `payment_intent_data` in `setup` mode.", "payment_intent_data");
        }

        var currency = p.NonEmpty("currency")?.ToLowerInvariant() ?? "";
        var sid = p.Obj("setup_intent_data");
        var types = p.Strings("allowed_payment_method_types");
        var id = store.Ids.Next("cs_test");
        var now = store.Now();
        return new SessionRecord(id, store.NextSeq(), now, now + 86_400, "setup", null, customer, null, customerEmail,
            p.NonEmpty("client_reference_id"), successUrl, cancelUrl, p.NonEmpty("locale"), [], 0, currency, p.Metadata(),
            new Dictionary<string, string>(), null, null, types.Count == 0 ? ["card"] : types, $"{baseUrl}/pay/{id}")
        {
            SetupIntentMetadata = sid.Metadata(),
            SetupIntentDescription = sid.NonEmpty("description"),
            PaymentStatus = "no_payment_required",
        };
    }

    private static List<LineItem> LineItems(JsonArray? raw)
    {
        if (raw is null || raw.Count == 0)
        {
            throw StripeErrors.Invalid("line_items is required in payment mode.", "line_items", "parameter_missing");
        }

        var items = new List<LineItem>();
        for (var i = 0; i < raw.Count; i++)
        {
            var item = raw[i] as JsonObject;
            var at = $"line_items[{i}]";
            if (item.NonEmpty("price") is { } price)
            {
                throw StripeErrors.NoSuch("price", price, $"{at}[price]", 400);
            }

            var data = item.Obj("price_data") ?? throw StripeErrors.Missing($"{at}[price_data]");
            var currency = data.Required("currency", $"{at}[price_data][currency]").ToLowerInvariant();
            var unit = data.Long("unit_amount", $"{at}[price_data][unit_amount]") ?? throw StripeErrors.Missing($"{at}[price_data][unit_amount]");
            var quantity = item.Long("quantity", $"{at}[quantity]") ?? throw StripeErrors.Missing($"{at}[quantity]");
            var name = data.Obj("product_data").NonEmpty("name") ?? throw StripeErrors.Missing($"{at}[price_data][product_data][name]");
            if (unit <= 0)
            {
                throw StripeErrors.Invalid("This value must be greater than 0.", $"{at}[price_data][unit_amount]");
            }

            if (quantity <= 0)
            {
                throw StripeErrors.Invalid("This value must be greater than or equal to 1.", $"{at}[quantity]");
            }

            if (items.Count > 0 && items[0].Currency != currency)
            {
                throw StripeErrors.Invalid("All line items must have the same currency.", $"{at}[price_data][currency]");
            }

            items.Add(new LineItem(name, unit, quantity, currency));
        }

        return items;
    }

    private static void ValidateUrl(string url, string param)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw StripeErrors.Invalid("Not a valid URL", param, "url_invalid");
        }
    }
}

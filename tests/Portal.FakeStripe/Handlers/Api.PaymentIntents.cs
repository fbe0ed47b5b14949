using System.Text.RegularExpressions;

namespace Portal.FakeStripe;

internal sealed partial class Api
{
    /// <summary>
    /// <c>POST /v1/payment_intents</c>. With <c>confirm=true</c> the charge happens now and its outcome is
    /// decided by the payment method's test id. A decline still creates the PaymentIntent (status
    /// <c>requires_payment_method</c>), so it can be found and retrieved later, and answers 402.
    /// </summary>
    private ApiResult CreatePaymentIntent(ApiRequest r)
    {
        var p = r.Params;
        var amount = p.Long("amount", "amount") ?? throw StripeErrors.Missing("amount");
        var currency = p.Required("currency", "currency").ToLowerInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterLower))
        {
            throw StripeErrors.Invalid($"Invalid currency: {currency}.", "currency");
        }

        Money.EnsureSettleable(store.Options, currency);
        if (amount < Money.Minimum(currency))
        {
            throw StripeErrors.Invalid($"Amount must be at least {Money.Format(Money.Minimum(currency), currency)}", "amount", "amount_too_small");
        }

        var customer = p.NonEmpty("customer");
        if (customer is not null && !store.Customers.ContainsKey(customer))
        {
            throw StripeErrors.NoSuch("customer", customer, "customer", 400);
        }

        var confirm = p.Bool("confirm", "confirm");
        var offSession = p.NonEmpty("off_session") is { } off && off != "false";
        if (offSession && !confirm)
        {
            throw StripeErrors.Invalid("off_session can only be set when confirm is true.", "off_session");
        }

        var paymentMethod = p.NonEmpty("payment_method");
        var behavior = paymentMethod is null ? null : PaymentMethodFor(paymentMethod, customer);
        if (confirm && paymentMethod is null)
        {
            throw StripeErrors.Invalid(
                "You cannot confirm this PaymentIntent because it's missing a payment method.",
                "payment_method",
                "payment_intent_unexpected_state");
        }

        var pi = engine.Create(amount, currency, customer, p.Metadata(), p.NonEmpty("description"),
            p.OneOf("setup_future_usage", "setup_future_usage", "on_session", "off_session"), r.IdempotencyKey);
        if (!confirm || behavior is null)
        {
            var unconfirmed = pi with { PaymentMethod = paymentMethod, Status = paymentMethod is null ? pi.Status : "requires_confirmation" };
            store.PaymentIntents[pi.Id] = unconfirmed;
            return Ok(r, renderer.PaymentIntent(unconfirmed));
        }

        // Stripe copies a test id (pm_card_visa) into a fresh payment method; a saved one is used as it is.
        var used = paymentMethod!;
        if (!store.PaymentMethods.ContainsKey(used))
        {
            var copy = new PaymentMethodRecord(store.Ids.Next("pm"), store.Now(), behavior, null);
            store.PaymentMethods[copy.Id] = copy;
            used = copy.Id;
        }

        var outcome = engine.Confirm(pi, used, behavior, offSession ? Presence.OffSession : Presence.OnSession);
        if (store.Options.RecordApiEvents)
        {
            checkout.PaymentIntentEvent(outcome, r.Info);
        }

        return outcome.Decline is { } decline
            ? StripeErrors.CardError(decline, renderer.PaymentIntent(outcome.PaymentIntent), outcome.Charge?.Id, renderer.PaymentMethod(used))
            : Ok(r, renderer.PaymentIntent(outcome.PaymentIntent));
    }

    private PaymentMethodBehavior PaymentMethodFor(string id, string? customer)
    {
        if (store.PaymentMethods.TryGetValue(id, out var saved))
        {
            if (saved.Customer is not null && saved.Customer != customer)
            {
                throw StripeErrors.Invalid(
                    "The provided PaymentMethod was previously attached to a Customer. To use it in a PaymentIntent, "
                        + "you must also pass the ID of that Customer in the customer parameter.",
                    "payment_method");
            }

            return saved.Behavior;
        }

        return TestPaymentMethods.TryGet(id, out var test) ? test : throw StripeErrors.NoSuch("PaymentMethod", id, "payment_method", 400);
    }

    /// <summary>
    /// <c>GET /v1/payment_intents/search</c>, for the one query form the portal uses to find an outcome it failed
    /// to record: <c>metadata['key']:'value'</c> clauses joined by AND. Newest first, paged by <c>page</c>.
    /// </summary>
    private ApiResult SearchPaymentIntents(ApiRequest r)
    {
        var query = r.Params.Required("query", "query");
        var clauses = AndSeparator().Split(query.Trim()).Select(c => MetadataClause().Match(c)).ToList();
        if (clauses.Exists(m => !m.Success))
        {
            throw StripeErrors.Invalid($"The fake Stripe supports only metadata['key']:'value' clauses joined by AND; got: {query}", "query");
        }

        var pairs = clauses.Select(m => (Key: m.Groups["key"].Value, Value: m.Groups["value"].Value)).ToList();
        var visibleBefore = store.Options.TimeProvider.GetUtcNow() - store.Options.SearchVisibilityDelay;
        var matches = store.PaymentIntentsWithMetadata(pairs[0].Key, pairs[0].Value)
            .Where(pi => pi.Created <= visibleBefore && pairs.TrueForAll(c => pi.Metadata.TryGetValue(c.Key, out var v) && v == c.Value))
            .OrderByDescending(pi => pi.Seq)
            .ToList();

        var limit = Limit(r);
        var offset = r.Params.NonEmpty("page") is { } page && int.TryParse(page, System.Globalization.CultureInfo.InvariantCulture, out var o)
            ? o
            : 0;
        var slice = matches.Skip(offset).Take(limit).Select(pi => (System.Text.Json.Nodes.JsonNode)renderer.PaymentIntent(pi));
        var hasMore = matches.Count > offset + limit;
        var body = Renderer.List("/v1/payment_intents/search", slice, hasMore);
        body["object"] = "search_result";
        body["next_page"] = hasMore ? (offset + limit).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Ok(r, body);
    }

    [GeneratedRegex(@"\s+AND\s+")]
    private static partial Regex AndSeparator();

    [GeneratedRegex(@"^metadata\[(?<q>['""])(?<key>[^'""]+)\k<q>\]:(?<q2>['""])(?<value>.*)\k<q2>$")]
    private static partial Regex MetadataClause();
}

using System.Text.Json.Nodes;

namespace Portal.FakeStripe;

/// <summary>
/// The endpoints, and the table that maps <c>METHOD /v1/...</c> to them. Endpoints are synchronous: they
/// only touch in-memory state, so nothing is awaited while a request executes.
/// </summary>
internal sealed partial class Api(FakeStripeStore store, Renderer renderer, PaymentEngine engine, RefundLedger refunds,
    EventStore events, CheckoutDriver checkout, SessionFactory sessions)
{
    private readonly Expander expander = new(renderer);

    /// <summary>The endpoint for a method and path, or null for Stripe's "Unrecognized request URL".</summary>
    public Func<ApiRequest, ApiResult>? Match(string method, string path)
    {
        if (!path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            return null;
        }

        var s = path[4..].Split('/');
        return (method, s) switch
        {
            ("POST", ["customers"]) => CreateCustomer,
            ("GET", ["customers", var id]) => r => Retrieve(r, id, "cus", "customer"),
            ("DELETE", ["customers", var id]) => _ => DeleteCustomer(id),
            ("POST", ["checkout", "sessions"]) => CreateSession,
            ("GET", ["checkout", "sessions", var id]) => r => Retrieve(r, id, "cs", "checkout.session"),
            ("POST", ["checkout", "sessions", var id, "expire"]) => r => Ok(r, renderer.Session(checkout.Expire(id, r.Info))),
            ("POST", ["payment_intents"]) => CreatePaymentIntent,
            ("GET", ["payment_intents", "search"]) => SearchPaymentIntents,
            ("GET", ["payment_intents", var id]) => r => Retrieve(r, id, "pi", "payment_intent"),
            ("GET", ["setup_intents", var id]) => r => Retrieve(r, id, "seti", "setup_intent"),
            ("GET", ["payment_methods", var id]) => r => Retrieve(r, id, "pm", "PaymentMethod"),
            ("GET", ["charges", var id]) => r => Retrieve(r, id, "ch", "charge"),
            ("POST", ["refunds"]) => CreateRefund,
            ("GET", ["refunds"]) => ListRefunds,
            ("GET", ["refunds", var id]) => r => Retrieve(r, id, "re", "refund"),
            ("GET", ["balance_transactions"]) => ListBalanceTransactions,
            ("GET", ["balance_transactions", var id]) => r => Retrieve(r, id, "txn", "balance_transaction"),
            ("GET", ["payouts"]) => ListPayouts,
            ("GET", ["payouts", var id]) => r => Retrieve(r, id, "po", "payout"),
            ("GET", ["disputes"]) => ListDisputes,
            ("GET", ["disputes", var id]) => r => Retrieve(r, id, "du", "dispute"),
            ("GET", ["events"]) => ListEvents,
            ("GET", ["events", var id]) => RetrieveEvent(id),
            _ => null,
        };
    }

    private ApiResult Ok(ApiRequest r, JsonObject body) => ApiResult.Ok(expander.Apply(body, r.Expand));

    private ApiResult Retrieve(ApiRequest r, string id, string prefix, string objectName)
    {
        var found = id.StartsWith(prefix + "_", StringComparison.Ordinal) ? renderer.Resolve(id) : null;
        return found is null ? throw StripeErrors.NoSuch(objectName, id) : Ok(r, found);
    }

    private Func<ApiRequest, ApiResult> RetrieveEvent(string id) => r => events.TryGet(id, out var e)
        ? ApiResult.Ok(JsonNode.Parse(e.Json)!)
        : throw StripeErrors.NoSuch("event", id);

    private ApiResult CreateCustomer(ApiRequest r)
    {
        var p = r.Params;
        var customer = new CustomerRecord(store.Ids.Next("cus"), store.NextSeq(), store.Now(), p.NonEmpty("email"),
            p.NonEmpty("name"), p.NonEmpty("description"), p.Metadata());
        store.Customers[customer.Id] = customer;
        return Ok(r, Renderer.Customer(customer));
    }

    /// <summary>
    /// Stripe deletes the customer and its saved methods at once and answers <c>{id, object, deleted: true}</c>; a
    /// second delete of the same id is a 404 <c>resource_missing</c> (deletes are idempotent by nature, so Stripe
    /// ignores an idempotency key on them).
    /// </summary>
    private ApiResult DeleteCustomer(string id)
    {
        if (!store.Customers.TryRemove(id, out var customer))
        {
            throw StripeErrors.NoSuch("customer", id);
        }

        store.DeletedCustomers[id] = customer;
        return ApiResult.Ok(Renderer.DeletedCustomer(id));
    }

    private ApiResult CreateSession(ApiRequest r)
    {
        var session = sessions.Create(r.Params);
        store.Sessions[session.Id] = session;
        return Ok(r, renderer.Session(session));
    }
}

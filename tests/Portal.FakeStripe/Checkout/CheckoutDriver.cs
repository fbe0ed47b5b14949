namespace Portal.FakeStripe;

/// <summary>
/// Plays the donor's side of Stripe Checkout: paying on the hosted page, the bank settling a SEPA debit,
/// the session expiring. Each step returns the webhook events Stripe would send, in Stripe's order.
/// </summary>
internal sealed class CheckoutDriver(FakeStripeStore store, PaymentEngine engine, Renderer renderer, EventStore events)
{
    public IReadOnlyList<FakeEvent> Complete(string sessionId, string testPaymentMethod, CardExpiry? expiry = null)
    {
        if (!TestPaymentMethods.TryGet(testPaymentMethod, out var behavior))
        {
            throw new ArgumentException(
                $"'{testPaymentMethod}' is not one of Stripe's test payment methods the fake knows.",
                nameof(testPaymentMethod));
        }

        var session = Session(sessionId);
        if (session.Status != "open")
        {
            throw new InvalidOperationException($"Checkout session {sessionId} is {session.Status}, not open.");
        }

        if (session.Mode != "payment")
        {
            throw new InvalidOperationException($"Checkout session {sessionId} is in {session.Mode} mode: complete it with CompleteSetupCheckout.");
        }

        // Saving the card for later (setup_future_usage) needs a customer, so Stripe makes one as for "always".
        var customer = session.Customer;
        if (customer is null && (session.CustomerCreation == "always" || session.SetupFutureUsage is not null))
        {
            var created = new CustomerRecord(store.Ids.Next("cus"), store.NextSeq(), store.Now(),
                session.CustomerEmail ?? "donor@example.com", null, null, new Dictionary<string, string>());
            store.Customers[created.Id] = created;
            customer = created.Id;
        }

        var pm = new PaymentMethodRecord(store.Ids.Next("pm"), store.Now(), behavior, null) { Expiry = expiry };
        store.PaymentMethods[pm.Id] = pm;

        var pi = session.AttemptPaymentIntent is { } existing
            ? store.PaymentIntents[existing] with { Customer = customer }
            : engine.Create(session.AmountTotal, session.Currency, customer, session.PaymentIntentMetadata,
                session.PaymentIntentDescription, session.SetupFutureUsage, null);
        var outcome = engine.Confirm(pi, pm.Id, behavior, Presence.HostedPage);

        if (outcome.Decline is not null)
        {
            // The donor stays on the page and may try another card: the session stays open.
            Save(session with { AttemptPaymentIntent = pi.Id, Customer = customer });
            return [events.Record("payment_intent.payment_failed", renderer.PaymentIntent(outcome.PaymentIntent), null)];
        }

        if (session.SetupFutureUsage is not null)
        {
            // Only a payment method that worked is saved to the customer for later off-session charges.
            store.PaymentMethods[pm.Id] = pm with { Customer = customer };
        }

        var completed = Save(session with
        {
            Status = "complete",
            PaymentStatus = behavior.Async ? "unpaid" : "paid",
            PaymentIntent = pi.Id,
            AttemptPaymentIntent = pi.Id,
            Customer = customer,
        });
        return
        [
            events.Record("checkout.session.completed", renderer.Session(completed), null),
            events.Record(behavior.Async ? "payment_intent.processing" : "payment_intent.succeeded",
                renderer.PaymentIntent(outcome.PaymentIntent), null),
        ];
    }

    /// <summary>
    /// The donor saves a payment method on a setup-mode session. Every test method sets up (a card that declines
    /// charges still saves, as on Stripe); the method is attached to the session's customer (one is made if the
    /// session has none) and a succeeded SetupIntent carries <c>setup_intent_data[metadata]</c>.
    /// </summary>
    public IReadOnlyList<FakeEvent> CompleteSetup(string sessionId, string testPaymentMethod, CardExpiry? expiry)
    {
        if (!TestPaymentMethods.TryGet(testPaymentMethod, out var behavior))
        {
            throw new ArgumentException(
                $"'{testPaymentMethod}' is not one of Stripe's test payment methods the fake knows.",
                nameof(testPaymentMethod));
        }

        var session = Session(sessionId);
        if (session.Status != "open" || session.Mode != "setup")
        {
            throw new InvalidOperationException($"Checkout session {sessionId} is not an open setup session ({session.Mode}, {session.Status}).");
        }

        var customer = session.Customer;
        if (customer is null)
        {
            var created = new CustomerRecord(store.Ids.Next("cus"), store.NextSeq(), store.Now(),
                session.CustomerEmail ?? "donor@example.com", null, null, new Dictionary<string, string>());
            store.Customers[created.Id] = created;
            customer = created.Id;
        }

        var pm = new PaymentMethodRecord(store.Ids.Next("pm"), store.Now(), behavior, customer) { Expiry = expiry };
        store.PaymentMethods[pm.Id] = pm;
        var setup = new SetupIntentRecord(store.Ids.Next("seti"), store.NextSeq(), store.Now(), customer, pm.Id,
            session.SetupIntentMetadata, session.SetupIntentDescription, "off_session");
        store.SetupIntents[setup.Id] = setup;
        var completed = Save(session with { Status = "complete", SetupIntent = setup.Id, Customer = customer });
        return
        [
            events.Record("setup_intent.succeeded", Renderer.SetupIntent(setup), null),
            events.Record("checkout.session.completed", renderer.Session(completed), null),
        ];
    }

    public IReadOnlyList<FakeEvent> SettleAsyncPayment(string sessionId, bool succeed)
    {
        var session = Session(sessionId);
        if (session.Status != "complete" || session.PaymentStatus != "unpaid" || session.PaymentIntent is null)
        {
            throw new InvalidOperationException($"Checkout session {sessionId} has no payment awaiting settlement.");
        }

        var outcome = engine.Settle(store.PaymentIntents[session.PaymentIntent], succeed);
        var settled = Save(session with { PaymentStatus = succeed ? "paid" : "unpaid" });
        return
        [
            events.Record(succeed ? "checkout.session.async_payment_succeeded" : "checkout.session.async_payment_failed",
                renderer.Session(settled), null),
            PaymentIntentEvent(outcome, null),
        ];
    }

    public IReadOnlyList<FakeEvent> SettlePaymentIntent(string paymentIntentId, bool succeed)
    {
        var pi = store.PaymentIntents.TryGetValue(paymentIntentId, out var found)
            ? found
            : throw new ArgumentException($"No such PaymentIntent: {paymentIntentId}", nameof(paymentIntentId));
        return [PaymentIntentEvent(engine.Settle(pi, succeed), null)];
    }

    public SessionRecord Expire(string sessionId, RequestInfo request)
    {
        var session = store.Sessions.TryGetValue(sessionId, out var found) ? found : throw StripeErrors.NoSuch("checkout.session", sessionId);
        if (session.Status != "open")
        {
            throw StripeErrors.Invalid("Only Checkout Sessions with a status in [\"open\"] can be expired.", "session");
        }

        var expired = Save(session with { Status = "expired" });
        events.Record("checkout.session.expired", renderer.Session(expired), request);
        return expired;
    }

    /// <summary>The event Stripe sends for a PaymentIntent's new state.</summary>
    public FakeEvent PaymentIntentEvent(ChargeOutcome outcome, RequestInfo? request) => events.Record(outcome.PaymentIntent.Status switch
    {
        "succeeded" => "payment_intent.succeeded",
        "processing" => "payment_intent.processing",
        _ => "payment_intent.payment_failed",
    }, renderer.PaymentIntent(outcome.PaymentIntent), request);

    private SessionRecord Session(string id) =>
        store.Sessions.TryGetValue(id, out var s) ? s : throw new ArgumentException($"No such checkout session: {id}", nameof(id));

    private SessionRecord Save(SessionRecord session) => store.Sessions[session.Id] = session;
}

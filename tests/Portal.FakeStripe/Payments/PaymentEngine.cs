namespace Portal.FakeStripe;

/// <summary>What confirming a PaymentIntent did: its new state, the charge (if one was attempted) and any decline.</summary>
internal sealed record ChargeOutcome(FakePaymentIntent PaymentIntent, ChargeRecord? Charge, Decline? Decline);

/// <summary>
/// Charging: turns a PaymentIntent plus a payment method into a charge, a balance transaction and a new
/// PaymentIntent status, following the behaviour of the Stripe test id behind the payment method.
/// Synchronous and lock-free: each step stores a new immutable record.
/// </summary>
internal sealed class PaymentEngine(FakeStripeStore store, Money money)
{
    public FakePaymentIntent Create(long amount, string currency, string? customer, IReadOnlyDictionary<string, string> metadata,
        string? description, string? setupFutureUsage, string? idempotencyKey)
    {
        var pi = new FakePaymentIntent
        {
            Id = store.Ids.Next("pi"),
            Seq = store.NextSeq(),
            Created = store.Options.TimeProvider.GetUtcNow(),
            Amount = amount,
            Currency = currency,
            Status = "requires_payment_method",
            Customer = customer,
            Metadata = metadata,
            Description = description,
            SetupFutureUsage = setupFutureUsage,
            IdempotencyKey = idempotencyKey,
        };
        store.AddPaymentIntent(pi);
        return pi;
    }

    public ChargeOutcome Confirm(FakePaymentIntent pi, string paymentMethodId, PaymentMethodBehavior behavior, Presence presence)
    {
        var decline = behavior.Decline;
        if (decline is { RequiresAuthentication: true } && presence != Presence.OffSession)
        {
            if (presence == Presence.OnSession)
            {
                var waiting = Save(pi with { Status = "requires_action", PaymentMethod = paymentMethodId, LastError = null });
                return new ChargeOutcome(waiting, null, null);
            }

            decline = null; // The donor completed 3-D Secure on the hosted page.
        }

        if (decline is not null)
        {
            var failed = decline.CreatesCharge ? NewCharge(pi, paymentMethodId, behavior) with { Status = "failed", Failure = decline } : null;
            if (failed is not null)
            {
                Save(failed);
            }

            // A failed attempt detaches the payment method; it stays visible on last_payment_error.
            var declined = Save(pi with
            {
                Status = "requires_payment_method",
                PaymentMethod = null,
                LatestCharge = failed?.Id ?? pi.LatestCharge,
                LastError = decline,
                LastErrorType = "card_error",
                LastErrorPaymentMethod = paymentMethodId,
            });
            return new ChargeOutcome(declined, failed, decline);
        }

        var charge = NewCharge(pi, paymentMethodId, behavior);
        if (behavior.Async)
        {
            // Bank debits take days: the charge is pending and no money reaches the balance yet.
            var pending = Save(charge with { Status = "pending" });
            return new ChargeOutcome(
                Save(pi with { Status = "processing", PaymentMethod = paymentMethodId, LatestCharge = charge.Id, LastError = null }),
                pending,
                null);
        }

        var settled = Save(charge with { BalanceTransaction = ChargeTransaction(charge).Id });
        return new ChargeOutcome(Succeeded(pi, paymentMethodId, settled.Id), settled, null);
    }

    /// <summary>Ends a <c>processing</c> PaymentIntent (SEPA) the way the bank eventually answers.</summary>
    public ChargeOutcome Settle(FakePaymentIntent pi, bool succeed)
    {
        if (pi.Status != "processing" || pi.LatestCharge is null)
        {
            throw new InvalidOperationException($"PaymentIntent {pi.Id} is {pi.Status}, not processing.");
        }

        var charge = store.Charges[pi.LatestCharge];
        if (succeed)
        {
            var paid = Save(charge with { Status = "succeeded", BalanceTransaction = ChargeTransaction(charge).Id });
            return new ChargeOutcome(Succeeded(pi, charge.PaymentMethod, paid.Id), paid, null);
        }

        var decline = new Decline("payment_intent_payment_attempt_failed", null,
            "The latest payment attempt of this PaymentIntent has failed or been canceled, and the attached payment method has been removed. "
                + "You can try confirming again with a new payment method.");
        var failed = Save(charge with
        {
            Status = "failed",
            Failure = decline with { Code = "insufficient_funds", Message = "The account has insufficient funds." },
        });
        var retry = Save(pi with
        {
            Status = "requires_payment_method",
            PaymentMethod = null,
            LastError = decline,
            LastErrorType = "invalid_request_error",
            LastErrorPaymentMethod = charge.PaymentMethod,
        });
        return new ChargeOutcome(retry, failed, decline);
    }

    private FakePaymentIntent Succeeded(FakePaymentIntent pi, string paymentMethodId, string chargeId) => Save(pi with
    {
        Status = "succeeded",
        PaymentMethod = paymentMethodId,
        LatestCharge = chargeId,
        AmountReceived = pi.Amount,
        LastError = null,
    });

    private ChargeRecord NewCharge(FakePaymentIntent pi, string paymentMethodId, PaymentMethodBehavior behavior) =>
        new(store.Ids.Next("ch"), store.NextSeq(), store.Now(), pi.Amount, pi.Currency, pi.Id, pi.Customer, paymentMethodId,
            behavior, pi.Description, pi.Metadata);

    /// <summary>The money a charge adds to the balance: converted to the settlement currency, less Stripe's fee.</summary>
    private BalanceTransactionRecord ChargeTransaction(ChargeRecord charge)
    {
        var (amount, currency, rate) = money.Settle(charge.Amount, charge.Currency);
        var fee = money.Fee(amount, currency);
        var now = store.Now();
        var txn = new BalanceTransactionRecord(store.Ids.Next("txn"), store.NextSeq(), now,
            now + (store.Options.AvailableAfterDays * 86_400L), amount, currency, fee, amount - fee, rate, "charge", "charge",
            charge.Id, charge.Description);
        store.BalanceTransactions[txn.Id] = txn;
        return txn;
    }

    private FakePaymentIntent Save(FakePaymentIntent pi) => store.PaymentIntents[pi.Id] = pi;

    private ChargeRecord Save(ChargeRecord charge) => store.Charges[charge.Id] = charge;
}

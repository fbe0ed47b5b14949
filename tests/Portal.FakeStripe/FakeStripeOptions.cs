namespace Portal.FakeStripe;

/// <summary>How one fake Stripe account behaves. Every money setting is integer or decimal: never double.</summary>
public sealed class FakeStripeOptions
{
    /// <summary>The secret key the fake accepts as <c>Authorization: Bearer ...</c>; anything else is a 401.</summary>
    public string ApiKey { get; init; } = "sk_test_x";

    /// <summary>Percentage part of Stripe's fee in basis points (150 = 1.5 %), rounded half away from zero.</summary>
    public int FeeBasisPoints { get; init; } = 150;

    /// <summary>Fixed part of the fee in minor units of the settlement currency, unless the currency is listed below.</summary>
    public long FixedFee { get; init; } = 25;

    /// <summary>Fixed fee per (lower-case) currency, e.g. <c>["jpy"] = 40</c> for a zero-decimal currency.</summary>
    public IReadOnlyDictionary<string, long> FixedFeeByCurrency { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// When set (e.g. "eur"), every balance transaction is in this currency, converted with
    /// <see cref="ExchangeRates"/> like Stripe does for an account that settles in one currency.
    /// </summary>
    public string? SettlementCurrency { get; init; }

    /// <summary>
    /// Units of the settlement currency per unit of the charge currency, keyed by lower-case charge
    /// currency (e.g. <c>["usd"] = 0.92m</c>). Becomes the balance transaction's <c>exchange_rate</c>.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> ExchangeRates { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Seed for repeatable ids; null gives random ids.</summary>
    public int? IdSeed { get; init; }

    /// <summary>Clock for every <c>created</c>, <c>expires_at</c> and event timestamp.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Whether API calls (off-session PaymentIntents, refunds) also record the webhook events Stripe would
    /// send. A 100,000-charge benchmark may turn this off to save memory.
    /// </summary>
    public bool RecordApiEvents { get; init; } = true;

    /// <summary>
    /// Stripe's search is eventually consistent ("under a minute"); a delay here makes a new PaymentIntent
    /// invisible to <c>/v1/payment_intents/search</c> for that long, so retry-until-found code can be tested.
    /// </summary>
    public TimeSpan SearchVisibilityDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Days from a balance transaction's creation to its <c>available_on</c>.</summary>
    public int AvailableAfterDays { get; init; } = 2;

    /// <summary>
    /// Which refunds start <c>pending</c> until <c>SettleRefund</c> or <c>FailRefund</c>. Stripe answers a card refund
    /// <c>succeeded</c> at once in test mode, but a SEPA debit refund stays pending for days.
    /// </summary>
    public PendingRefunds PendingRefunds { get; init; } = PendingRefunds.None;

    /// <summary>
    /// Stripe's fee for a dispute, in minor units of the dispute's balance transaction currency (the settlement
    /// currency when one is set). Kept by Stripe even when the dispute is won.
    /// </summary>
    public long DisputeFee { get; init; } = 1500;
}

/// <summary>Which refunds <see cref="FakeStripeOptions.PendingRefunds"/> leaves pending.</summary>
public enum PendingRefunds
{
    /// <summary>Every refund succeeds at once (the default, as card refunds in Stripe's test mode).</summary>
    None,

    /// <summary>Refunds of bank debits (SEPA) start pending, as on Stripe; card refunds succeed at once.</summary>
    BankDebits,

    /// <summary>Every refund starts pending.</summary>
    All,
}

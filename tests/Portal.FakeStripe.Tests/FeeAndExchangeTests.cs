using Stripe;

namespace Portal.FakeStripe.Tests;

/// <summary>Fees are 1.5 % + 25 (40 for JPY here), rounded half away from zero; every expected value is worked by hand.</summary>
public sealed class FeeTests : FakeStripeTestBase
{
    protected override FakeStripeOptions Options => new() { FixedFeeByCurrency = new Dictionary<string, long> { ["jpy"] = 40 } };

    [Theory]
    [InlineData("eur", 1000, 40, 960)] // 15.00 + 25
    [InlineData("eur", 1100, 42, 1058)] // 16.50 → 17 (half away from zero) + 25
    [InlineData("eur", 1234, 44, 1190)] // 18.51 → 19 + 25
    [InlineData("eur", 1033, 40, 993)] // 15.495 → 15 + 25
    [InlineData("jpy", 5000, 115, 4885)] // zero-decimal: 75 + 40
    [InlineData("jpy", 1234, 59, 1175)] // 18.51 → 19 + 40
    public async Task Charge_balance_transactions_carry_the_exact_fee(string currency, long amount, long fee, long net)
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount, currency));
        var txn = (await Client.V1.PaymentIntents.GetAsync(pi.Id, new PaymentIntentGetOptions { Expand = ["latest_charge.balance_transaction"] }))
            .LatestCharge.BalanceTransaction;

        Assert.Equal((amount, currency, fee, net), (txn.Amount, txn.Currency, txn.Fee, txn.Net));
        Assert.Null(txn.ExchangeRate);
        var detail = Assert.Single(txn.FeeDetails);
        Assert.Equal(("stripe_fee", fee, currency), (detail.Type, detail.Amount, detail.Currency));
        Assert.Equal(("charge", "charge", "available", pi.LatestChargeId), (txn.Type, txn.ReportingCategory, txn.Status, txn.SourceId));
        Assert.True(txn.AvailableOn >= txn.Created);
    }

    [Theory]
    [InlineData(165_000, 10_000, 17)]
    [InlineData(-165_000, 10_000, -17)]
    [InlineData(154_950, 10_000, 15)]
    [InlineData(0, 10_000, 0)]
    public void Integer_rounding_is_half_away_from_zero(long numerator, long denominator, long expected) =>
        Assert.Equal(expected, Money.RoundedDivide(numerator, denominator));
}

/// <summary>An account settling in EUR: foreign charges convert at the configured rate, rounded half away from zero.</summary>
public sealed class SettlementCurrencyTests : FakeStripeTestBase
{
    protected override FakeStripeOptions Options => new()
    {
        SettlementCurrency = "eur",
        ExchangeRates = new Dictionary<string, decimal> { ["usd"] = 0.92m, ["gbp"] = 1.1725m, ["jpy"] = 0.0061m },
    };

    [Theory]
    [InlineData("usd", 1099, 1011, 40, 971, "0.92")] // 1011.08 → 1011; fee 15.165 → 15 + 25
    [InlineData("gbp", 1000, 1173, 43, 1130, "1.1725")] // 1172.5 → 1173; fee 17.595 → 18 + 25
    [InlineData("jpy", 5000, 3050, 71, 2979, "0.0061")] // ¥5000 × 0.0061 = €30.50; fee 45.75 → 46 + 25
    [InlineData("eur", 1000, 1000, 40, 960, null)]
    public async Task Foreign_charges_settle_in_eur_at_the_configured_rate(
        string currency,
        long amount,
        long settled,
        long fee,
        long net,
        string? rate)
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, amount, currency));
        var charge = await Client.V1.Charges.GetAsync(pi.LatestChargeId, new ChargeGetOptions { Expand = ["balance_transaction"] });
        var txn = charge.BalanceTransaction;

        Assert.Equal((amount, currency), (charge.Amount, charge.Currency));
        Assert.Equal((settled, "eur", fee, net), (txn.Amount, txn.Currency, txn.Fee, txn.Net));
        Assert.Equal(rate is null ? null : decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), txn.ExchangeRate);
        Assert.Equal("eur", Assert.Single(txn.FeeDetails).Currency);
    }

    [Fact]
    public async Task A_refund_converts_at_the_rate_of_its_charge()
    {
        var pi = await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, 1099, "usd"));

        var refund = await Client.V1.Refunds
            .CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id, Amount = 500, Expand = ["balance_transaction"] });

        Assert.Equal((500L, "usd"), (refund.Amount, refund.Currency));
        Assert.Equal(
            (-460L, "eur", 0.92m),
            (refund.BalanceTransaction.Amount, refund.BalanceTransaction.Currency, refund.BalanceTransaction.ExchangeRate));
    }

    [Fact]
    public async Task A_currency_without_a_rate_is_refused_rather_than_guessed()
    {
        var ex = await Assert.ThrowsAsync<StripeException>(
            () => Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, 1000, "chf")));

        Assert.Equal("currency", ex.StripeError.Param);
        Assert.Empty(Stripe.PaymentIntents);
    }
}

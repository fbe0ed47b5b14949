using Microsoft.Extensions.Options;
using Portal.Core.Payments;
using Portal.Core.Shared;

namespace Portal.Core.Tests.Payments;

public class CurrencyRulesTests
{
    [Theory]
    [InlineData(3000, "EUR")]
    [InlineData(1500, "EUR")]
    [InlineData(10000, "USD")]
    [InlineData(2500000, "GBP")]
    [InlineData(777, "CHF")]
    public void Covering_the_fee_delivers_the_whole_gift_and_asks_no_more_than_needed(long giftMinor, string code)
    {
        var rules = Rules(new PaymentsOptions());
        var gift = new Money(giftMinor, Currency.Of(code));

        var gross = gift + rules.FeeCover(gift);

        Assert.True(gross - rules.EstimatedFee(gross) >= gift, "the fund must receive at least the gift");
        var oneLess = gross - new Money(1, gift.Currency);
        Assert.True(oneLess - rules.EstimatedFee(oneLess) < gift, "the cover is the smallest that works");
    }

    [Fact]
    public void A_thirty_euro_gift_with_the_fee_covered_is_thirty_euros_seventy_one()
    {
        var rules = Rules(new PaymentsOptions());

        // 1.5 % of 30.71 is 0.46 (rounded), plus 0.25: a fee of 0.71 leaves exactly 30.00.
        Assert.Equal(71, rules.FeeCover(new Money(3000, Currency.EUR)).Minor);
        Assert.Equal(71, rules.EstimatedFee(new Money(3071, Currency.EUR)).Minor);
    }

    [Fact]
    public void Limits_default_to_the_general_ones_and_a_currency_may_have_its_own()
    {
        var options = new PaymentsOptions { Currencies = "EUR,JPY", MinimumAmount = 5, MaximumAmount = 25000 };
        options.CurrencyLimits["JPY"] = new AmountLimits { Minimum = 500, Maximum = 3000000 };
        var rules = Rules(options);

        Assert.Equal((new Money(500, Currency.EUR), new Money(2500000, Currency.EUR)), rules.Limits(Currency.EUR));
        Assert.Equal((new Money(500, Currency.Of("JPY")), new Money(3000000, Currency.Of("JPY"))), rules.Limits(Currency.Of("JPY")));
        Assert.True(rules.IsOffered("jpy"));
        Assert.False(rules.IsOffered("USD"));
        Assert.Equal(Currency.EUR, rules.Default);
    }

    [Fact]
    public void Presets_are_in_major_units_of_the_chosen_currency()
    {
        var rules = Rules(new PaymentsOptions { Currencies = "EUR,JPY", PresetAmounts = "15,30" });

        Assert.Equal([new Money(1500, Currency.EUR), new Money(3000, Currency.EUR)], rules.Presets(Currency.EUR));
        Assert.Equal([new Money(15, Currency.Of("JPY")), new Money(30, Currency.Of("JPY"))], rules.Presets(Currency.Of("JPY")));
    }

    private static CurrencyRules Rules(PaymentsOptions options) => new(Options.Create(options));
}

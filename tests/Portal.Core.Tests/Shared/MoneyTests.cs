using System.Globalization;
using Portal.Core.Shared;

namespace Portal.Core.Tests.Shared;

public class MoneyTests
{
    [Fact]
    public void Adds_and_subtracts_in_one_currency()
    {
        var total = new Money(1050, Currency.EUR) + new Money(250, Currency.EUR) - new Money(100, Currency.EUR);

        Assert.Equal(new Money(1200, Currency.EUR), total);
    }

    [Fact]
    public void Refuses_to_mix_currencies()
    {
        Assert.Throws<InvalidOperationException>(() => new Money(100, Currency.EUR) + new Money(100, Currency.USD));
        Assert.Throws<InvalidOperationException>(() => new Money(100, Currency.EUR) < new Money(100, Currency.GBP));
    }

    [Fact]
    public void Overflow_is_an_error_not_a_wrap()
    {
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue, Currency.EUR) + new Money(1, Currency.EUR));
    }

    [Theory]
    [InlineData("25", "EUR", 2500)]
    [InlineData("25.50", "EUR", 2550)]
    [InlineData("25,50", "EUR", 2550)]
    [InlineData(" 25.5 ", "EUR", 2550)]
    [InlineData("1,250.00", "EUR", 125000)]
    [InlineData("1.250,00", "EUR", 125000)]
    [InlineData("1 250", "EUR", 125000)]
    [InlineData("1.250.000", "EUR", 125000000)]
    [InlineData("5000", "JPY", 5000)]
    [InlineData("1.250", "KWD", 1250)]
    public void Reads_amounts_as_people_type_them(string typed, string currency, long minor)
    {
        Assert.True(Money.TryParseMajor(typed, Currency.Of(currency), out var money));
        Assert.Equal(minor, money.Minor);
    }

    [Theory]
    [InlineData("25.505", "EUR")]
    [InlineData("25.5", "JPY")]
    [InlineData("abc", "EUR")]
    [InlineData("", "EUR")]
    [InlineData("-5", "EUR")]
    [InlineData("1e5", "EUR")]
    [InlineData("99999999999999999999999", "EUR")]
    public void Rejects_what_is_not_an_exact_amount(string typed, string currency)
    {
        Assert.False(Money.TryParseMajor(typed, Currency.Of(currency), out _));
    }

    [Theory]
    [InlineData(1005, 1, 2, MidpointRounding.AwayFromZero, 503)]
    [InlineData(1005, 1, 2, MidpointRounding.ToEven, 502)]
    [InlineData(1001, 1, 3, MidpointRounding.ToPositiveInfinity, 334)]
    [InlineData(1001, 1, 3, MidpointRounding.ToZero, 333)]
    [InlineData(-1005, 1, 2, MidpointRounding.AwayFromZero, -503)]
    [InlineData(3000, 150, 10000, MidpointRounding.AwayFromZero, 45)]
    public void Multiplies_by_a_fraction_with_named_rounding(long minor, long numerator, long denominator, MidpointRounding rounding, long expected)
    {
        Assert.Equal(expected, new Money(minor, Currency.EUR).MultiplyFraction(numerator, denominator, rounding).Minor);
    }

    [Fact]
    public void Formats_with_the_currency_and_the_readers_conventions()
    {
        Assert.Equal("€30.00", new Money(3000, Currency.EUR).Format(CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal("30,00 €", new Money(3000, Currency.EUR).Format(CultureInfo.GetCultureInfo("de-DE")));
        Assert.Equal("¥1,200", new Money(1200, Currency.Of("JPY")).Format(CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal("1200", new Money(1200, Currency.Of("JPY")).ToPlainString());
        Assert.Equal("1.250", new Money(1250, Currency.Of("KWD")).ToPlainString());
        Assert.Equal("EUR 0.05", new Money(5, Currency.EUR).ToString());
    }
}

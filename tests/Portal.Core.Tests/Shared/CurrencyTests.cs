using Portal.Core.Shared;

namespace Portal.Core.Tests.Shared;

public class CurrencyTests
{
    [Theory]
    [InlineData("EUR", 2)]
    [InlineData("eur", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("KWD", 3)]
    [InlineData("CLF", 4)]
    public void Knows_each_currencys_minor_units(string code, int digits)
    {
        Assert.True(Currency.TryParse(code, out var currency));
        Assert.Equal(digits, currency.MinorDigits);
        Assert.Equal(code.ToUpperInvariant(), currency.Code);
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("EURO")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("€")]
    public void Refuses_what_is_not_an_ISO_4217_code(string? code)
    {
        Assert.False(Currency.TryParse(code, out _));
    }
}

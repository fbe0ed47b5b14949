using Microsoft.Extensions.Options;
using Portal.Core.Funds;
using Portal.Core.Payments;
using Portal.Core.Sponsorships;

namespace Portal.Core.Tests.Sponsorships;

public class SponsorshipRulesTests
{
    private static readonly Fund OpenFund = new()
    {
        Slug = "nairobi",
        Code = "KEN01",
        Name = "Nairobi",
        Summary = "s",
        Story = "s",
        Currency = "EUR"
    };

    [Fact]
    public void A_complete_form_passes_with_the_fee_cover_added()
    {
        var (form, errors) = Check(Valid() with { CoverFee = true });

        Assert.Empty(errors);
        Assert.NotNull(form);
        Assert.Equal(3000, form.Amount.Minor);
        Assert.Equal(3071, form.Total.Minor);
        Assert.Equal(SponsorshipInterval.Monthly, form.Interval);
        Assert.Equal("GB", form.Country);
    }

    [Theory]
    [InlineData("Currency", "XYZ", "Choose one of EUR, USD, GBP, CHF.")]
    [InlineData("Currency", "JPY", "Choose one of EUR, USD, GBP, CHF.")]
    [InlineData("Amount", "4.99", "Enter an amount between")]
    [InlineData("Amount", "25000.01", "Enter an amount between")]
    [InlineData("Amount", "25.555", "at most 2 decimals")]
    [InlineData("Amount", "twenty", "Enter an amount such as 25")]
    [InlineData("Interval", "Weekly", "Choose once, monthly, quarterly or yearly.")]
    [InlineData("Interval", "2", "Choose once, monthly, quarterly or yearly.")]
    [InlineData("Email", "not-an-email", "Enter your e-mail address")]
    [InlineData("Email", "a@b", "Enter your e-mail address")]
    [InlineData("Email", "Ann <ann@example.org>", "Enter your e-mail address")]
    [InlineData("Name", "   ", "Enter your name")]
    [InlineData("Country", "XX", "Choose your country.")]
    [InlineData("DedicationName", "", "Enter the name of the person")]
    [InlineData("DedicationKind", "InSpiteOf", "Choose in honour of")]
    public void Each_bad_field_is_named_with_a_clear_message(string field, string value, string message)
    {
        var request = field switch
        {
            "Currency" => Valid() with { Currency = value },
            "Amount" => Valid() with { Amount = value },
            "Interval" => Valid() with { Interval = value },
            "Email" => Valid() with { Email = value },
            "Name" => Valid() with { Name = value },
            "Country" => Valid() with { Country = value },
            "DedicationName" => Valid() with { DedicationKind = "InMemoryOf", DedicationName = value },
            _ => Valid() with { DedicationKind = value },
        };

        var (form, errors) = Check(request);

        Assert.Null(form);
        Assert.Contains(message, errors[field].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_fund_takes_no_gift()
    {
        var closed = new Fund
        {
            Slug = "x",
            Code = "X",
            Name = "Old program",
            Summary = "s",
            Story = "s",
            Currency = "EUR",
            Status = FundStatus.Closed
        };

        var (form, errors) = new SponsorshipRules(Rules()).Check(Valid(), closed);

        Assert.Null(form);
        Assert.Contains("not taking new gifts", errors["Fund"].ToString(), StringComparison.Ordinal);
    }

    private static SponsorshipRequest Valid() =>
        new("nairobi", "30", "EUR", "Monthly", false, null, null, "Ada Lovelace", "ada@example.org", "gb",
            Portal.Core.Communications.Consent.MailTopics.Appeals, "en");

    private static (SponsorshipForm? Form, Dictionary<string, Portal.Core.Languages.DonorMessage> Errors) Check(SponsorshipRequest request) =>
        new SponsorshipRules(Rules()).Check(request, OpenFund);

    private static CurrencyRules Rules() => new(Options.Create(new PaymentsOptions()));
}

using System.Globalization;
using Portal.Core.Donors;
using Portal.Core.Languages;

namespace Portal.Core.Tests.Donors;

public class CountriesTests
{
    [Fact]
    public void Every_country_has_a_name_in_every_portal_language()
    {
        var english = Countries.AllIn(CultureInfo.GetCultureInfo("en-GB"));
        Assert.True(english.Count >= 240, $"{english.Count} countries");
        foreach (var language in PortalLanguages.Supported)
        {
            var names = Countries.AllIn(PortalLanguages.Culture(language));
            Assert.Equal(english.Select(c => c.Key).Order(), names.Select(c => c.Key).Order());
            Assert.All(names, c => Assert.False(string.IsNullOrWhiteSpace(c.Value), $"{language} {c.Key}"));
        }
    }

    [Theory]
    [InlineData("de-AT", "DE", "Deutschland")]
    [InlineData("fr-CH", "DE", "Allemagne")]
    [InlineData("es-ES", "KE", "Kenia")]
    [InlineData("en-GB", "CI", "Côte d’Ivoire")]
    [InlineData("it-IT", "KE", "Kenya")]
    public void A_name_is_in_the_cultures_language_and_English_for_a_language_we_do_not_write(string culture, string code, string name) =>
        Assert.Equal(name, Countries.NameOf(code, CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void An_unknown_code_is_shown_as_it_is_and_is_not_known()
    {
        Assert.Equal("ZZ", Countries.NameOf("ZZ", CultureInfo.GetCultureInfo("de-DE")));
        Assert.False(Countries.IsKnown("ZZ"));
        Assert.True(Countries.IsKnown("XK"));
    }
}

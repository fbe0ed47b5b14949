using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Localization;

/// <summary>
/// When a posted value cannot be read at all (a word where a number belongs), model binding's message is in the reader's
/// language, not the framework's English.
/// </summary>
public class BindingMessageTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    [Theory]
    [InlineData("de-DE", "Der Wert „zehn“ ist für Betrag nicht gültig.", "Betrag muss eine Zahl sein.")]
    [InlineData("fr-FR", "La valeur « zehn » n’est pas valide pour Betrag.", "Betrag doit être un nombre.")]
    [InlineData("es-ES", "El valor «zehn» no es válido para Betrag.", "Betrag debe ser un número.")]
    [InlineData("en-GB", "The value ‘zehn’ is not valid for Betrag.", "Betrag must be a number.")]
    public async Task Messages_for_values_that_cannot_be_read_follow_the_readers_culture(string culture, string invalid, string number)
    {
        var portal = await shared.GetAsync();
        var messages = portal.Services.GetRequiredService<IOptions<MvcOptions>>().Value.ModelBindingMessageProvider;
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal(invalid, messages.AttemptedValueIsInvalidAccessor("zehn", "Betrag"));
            Assert.Equal(number, messages.ValueMustBeANumberAccessor("Betrag"));
            string[] others =
            [
                messages.NonPropertyAttemptedValueIsInvalidAccessor("zehn"), messages.ValueIsInvalidAccessor("zehn"),
                messages.MissingBindRequiredValueAccessor("Betrag"), messages.ValueMustNotBeNullAccessor("zehn"),
                messages.MissingKeyOrValueAccessor(), messages.MissingRequestBodyRequiredValueAccessor(),
                messages.UnknownValueIsInvalidAccessor("Betrag"), messages.NonPropertyUnknownValueIsInvalidAccessor(),
                messages.NonPropertyValueMustBeANumberAccessor(),
            ];
            Assert.All(others, text => Assert.DoesNotContain("Binding.", text, StringComparison.Ordinal));
            if (culture != "en-GB")
            {
                Assert.All(others, text => Assert.DoesNotContain(" is ", text, StringComparison.Ordinal));
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}

using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Core.Languages;

namespace Portal.Web.Resources;

public static class DonorMessages
{
    /// <summary>
    /// A message from Core in the reader's language: its words translated (the English words where no translation
    /// exists), its values (amounts, days, numbers) written in the reader's culture.
    /// </summary>
    public static string Say(this IStringLocalizer text, DonorMessage message) =>
        message.Format(text[message.Text].Value, CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
}

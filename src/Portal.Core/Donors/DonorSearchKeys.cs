using System.Globalization;
using System.Text;

namespace Portal.Core.Donors;

/// <summary>
/// The forms of a donor's name and postal code that donor care searches by. A name is folded to lower case without
/// accents or punctuation, so "Müller", "MULLER" and "müller-lüdenscheidt" all start with "muller".
/// </summary>
public static class DonorSearchKeys
{
    public const int MaxLength = 120;

    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var letter = char.ToLowerInvariant(c);
            var spelled = letter switch
            {
                'ß' => "ss",
                'æ' => "ae",
                'œ' => "oe",
                'ø' => "o",
                'ł' => "l",
                'đ' => "d",
                'þ' => "th",
                _ => null,
            };
            if (spelled is not null)
            {
                folded.Append(spelled);
            }
            else if (char.IsLetterOrDigit(letter))
            {
                folded.Append(letter);
            }
            else if (folded.Length > 0 && folded[^1] != ' ')
            {
                folded.Append(' ');
            }
        }

        var result = folded.ToString().TrimEnd();
        return result.Length > MaxLength ? result[..MaxLength].TrimEnd() : result;
    }

    /// <summary>The last word of a folded name ("anna maria muller" → "muller"); the name itself when it is one word.</summary>
    public static string LastWord(string? folded) =>
        string.IsNullOrEmpty(folded) ? "" : folded[(folded.LastIndexOf(' ') + 1)..];

    /// <summary>A postal code upper-cased without spaces or hyphens ("sw1a 1aa" → "SW1A1AA"), or null for none.</summary>
    public static string? PostalCodeKey(string? postalCode)
    {
        if (string.IsNullOrWhiteSpace(postalCode))
        {
            return null;
        }

        var key = new string([.. postalCode.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
        return key.Length == 0 ? null : key;
    }
}

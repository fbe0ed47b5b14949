using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Donors;

/// <summary>
/// ISO 11649 structured creditor references ("RF" references) for bank transfers and standing orders: "RF", two
/// check digits, then up to 21 letters and digits. Any SEPA bank passes them through unchanged, and the check digits
/// catch a mistyped reference. A donor's reference is "D" and ten random characters from an alphabet without the
/// look-alikes 0/O and 1/I/L, so it can be read out on the phone. A gift reference ("G" and ten such characters) names
/// one donor's gifts to one fund (<see cref="Gifts.GiftReference"/>), for a standing order (decision 033).
/// </summary>
public static class PaymentReferences
{
    public const int MaxLength = 25;

    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const int RandomLength = 10;

    /// <summary>The length of a donor's or a gift reference: "RF", two check digits, a letter and ten characters.</summary>
    public const int IssuedLength = RandomLength + 5;

    public static string NewForDonor() => New('D');

    public static string NewForGift() => New('G');

    private static string New(char kind)
    {
        Span<char> body = stackalloc char[RandomLength + 1];
        body[0] = kind;
        for (var i = 1; i < body.Length; i++)
        {
            body[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return Create(new string(body));
    }

    /// <summary>The reference for <paramref name="body"/> (1 to 21 letters and digits) with its check digits.</summary>
    public static string Create(string body)
    {
        if (body.Length is < 1 or > 21 || !body.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("A creditor reference carries 1 to 21 letters and digits.", nameof(body));
        }

        var upper = body.ToUpperInvariant();
        var check = 98 - Remainder(upper + "RF00");
        return $"RF{check:D2}{upper}";
    }

    /// <summary>
    /// The reference in its compact form (upper case, no spaces) if <paramref name="text"/> is a well-formed reference
    /// whose check digits are right; otherwise null.
    /// </summary>
    public static string? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var compact = new string([.. text.Where(c => !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant)]);
        if (compact.Length is < 5 or > MaxLength || !compact.StartsWith("RF", StringComparison.Ordinal)
            || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3]) || !compact.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        return Remainder(compact[4..] + compact[..4]) == 1 ? compact : null;
    }

    /// <summary>
    /// The references the portal issues (a donor's or a gift reference) in a bank line's texts, however the bank or the
    /// donor spaced, dashed or cased them; each with valid check digits, first found first.
    /// </summary>
    public static IReadOnlyList<string> FindIssued(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var compact = new string([.. text.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
        var found = new List<string>();
        for (var at = compact.IndexOf("RF", StringComparison.Ordinal);
            at >= 0 && at + IssuedLength <= compact.Length;
            at = compact.IndexOf("RF", at + 1, StringComparison.Ordinal))
        {
            if (Parse(compact.Substring(at, IssuedLength)) is { } reference && reference[4] is 'D' or 'G' && !found.Contains(reference))
            {
                found.Add(reference);
            }
        }

        return found;
    }

    /// <summary>The reference in groups of four, as printed on a receipt or a payment slip ("RF18 D7K3 M9QX 2P").</summary>
    public static string Print(string reference) =>
        string.Join(' ', reference.Chunk(4).Select(group => new string(group)));

    private static int Remainder(string rearranged)
    {
        var digits = new StringBuilder(rearranged.Length * 2);
        foreach (var c in rearranged)
        {
            digits.Append(char.IsAsciiDigit(c) ? (c - '0').ToString(System.Globalization.CultureInfo.InvariantCulture)
                : (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return (int)(BigInteger.Parse(digits.ToString(), System.Globalization.CultureInfo.InvariantCulture) % 97);
    }
}

using System.Globalization;

namespace Portal.Core.Payments;

/// <summary>A payment method saved at the gateway, as the donor would recognise it.</summary>
/// <param name="Brand">"Visa", "Mastercard", "SEPA Direct Debit": a name to show, not the gateway's code.</param>
/// <param name="ExpiresOn">The last day the card is valid (the end of its expiry month); null for a debit.</param>
public sealed record SavedPaymentMethod(string Id, string? Brand, string? Last4, DateOnly? ExpiresOn)
{
    /// <summary>The last day of a card's expiry month, or null when the gateway gave no usable month.</summary>
    public static DateOnly? ExpiryOf(long month, long year) =>
        month is >= 1 and <= 12 && year is >= 2000 and <= 9999
            ? new DateOnly((int)year, (int)month, DateTime.DaysInMonth((int)year, (int)month))
            : null;

    /// <summary>Stripe's brand codes (<c>visa</c>, <c>amex</c>, <c>sepa_debit</c>) as names a donor knows.</summary>
    public static string BrandName(string code) => code switch
    {
        "visa" => "Visa",
        "mastercard" => "Mastercard",
        "amex" => "American Express",
        "discover" => "Discover",
        "diners" => "Diners Club",
        "jcb" => "JCB",
        "unionpay" => "UnionPay",
        "cartes_bancaires" => "Cartes Bancaires",
        "sepa_debit" => "SEPA Direct Debit",
        _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(code.Replace('_', ' ')),
    };
}

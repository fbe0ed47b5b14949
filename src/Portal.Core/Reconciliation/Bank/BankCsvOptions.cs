using System.ComponentModel.DataAnnotations;
using Portal.Core.Shared;

namespace Portal.Core.Reconciliation.Bank;

/// <summary>
/// Section <c>Reconciliation:BankCsv</c>: the layout of the bank's CSV export, named by its header. The defaults read a
/// German savings bank's "CSV-CAMT" export (Sparkasse and most banks on the same software); another bank needs only
/// its own column names here. A column set to empty is not read.
/// </summary>
public sealed class BankCsvOptions : IValidatableObject
{
    public const string Section = "Reconciliation:BankCsv";

    /// <summary>One character; <c>\t</c> for a tab.</summary>
    [Required]
    public string Delimiter { get; set; } = ";";

    /// <summary><c>,</c> or <c>.</c>; the other one is taken as the thousands separator.</summary>
    [Required]
    public string DecimalSeparator { get; set; } = ",";

    /// <summary>.NET date formats, alternatives separated by <c>|</c>.</summary>
    [Required]
    public string DateFormat { get; set; } = "dd.MM.yy|dd.MM.yyyy";

    /// <summary>Lines before the header (account details some banks print first).</summary>
    [Range(0, 50)]
    public int SkipLines { get; set; }

    [Required]
    public string DateColumn { get; set; } = "Buchungstag";

    /// <summary>A signed amount (credits positive). Leave empty to read <see cref="CreditColumn"/> and <see cref="DebitColumn"/> instead.</summary>
    public string? AmountColumn { get; set; } = "Betrag";

    public string? CreditColumn { get; set; }

    /// <summary>Debits, written with or without a minus sign.</summary>
    public string? DebitColumn { get; set; }

    /// <summary>Leave empty when the file has no currency column and set <see cref="FixedCurrency"/>.</summary>
    public string? CurrencyColumn { get; set; } = "Waehrung";

    public string? FixedCurrency { get; set; }

    public string? ReferenceColumn { get; set; } = "Verwendungszweck";

    public string? CounterpartyColumn { get; set; } = "Beguenstigter/Zahlungspflichtiger";

    public string? DescriptionColumn { get; set; } = "Buchungstext";

    /// <summary>The account the line was booked on; it keeps lines of two accounts apart.</summary>
    public string? AccountColumn { get; set; } = "Auftragskonto";

    /// <summary>
    /// The payer's IBAN (Sparkasse: <c>Kontonummer/IBAN</c>), read to offer a credit as the gift of the donor who gave from
    /// that account before. Empty by default, since a configured column that a file lacks stops its import.
    /// </summary>
    public string? CounterpartyAccountColumn { get; set; }

    public char DelimiterChar => Delimiter is "\\t" or "\t" ? '\t' : Delimiter[0];

    public string[] DateFormats() => DateFormat.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Delimiter is not ("\\t" or "\t") && (Delimiter.Length != 1 || Delimiter is "\"" or "\r" or "\n"))
        {
            yield return Fail($"{Section}:Delimiter must be one character such as ; or , (\\t for a tab).", nameof(Delimiter));
        }

        if (DecimalSeparator is not ("," or "."))
        {
            yield return Fail($"{Section}:DecimalSeparator must be , or .", nameof(DecimalSeparator));
        }

        if (string.IsNullOrWhiteSpace(AmountColumn) == (string.IsNullOrWhiteSpace(CreditColumn) || string.IsNullOrWhiteSpace(DebitColumn)))
        {
            yield return Fail($"Set {Section}:AmountColumn, or leave it empty and set both CreditColumn and DebitColumn.", nameof(AmountColumn));
        }

        if (string.IsNullOrWhiteSpace(CurrencyColumn) == string.IsNullOrWhiteSpace(FixedCurrency))
        {
            yield return Fail($"Set {Section}:CurrencyColumn, or leave it empty and set FixedCurrency.", nameof(CurrencyColumn));
        }
        else if (!string.IsNullOrWhiteSpace(FixedCurrency) && !Currency.TryParse(FixedCurrency, out _))
        {
            yield return Fail($"{Section}:FixedCurrency '{FixedCurrency}' is not an ISO 4217 code.", nameof(FixedCurrency));
        }

        if (DateFormats().Length == 0)
        {
            yield return Fail($"{Section}:DateFormat needs at least one format, such as dd.MM.yyyy.", nameof(DateFormat));
        }
    }

    private static ValidationResult Fail(string message, string member) => new(message, [member]);
}

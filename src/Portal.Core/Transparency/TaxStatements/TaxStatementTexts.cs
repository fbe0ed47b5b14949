using System.Globalization;
using Portal.Core.Shared;

namespace Portal.Core.Transparency.TaxStatements;

/// <summary>The words of the tax statement, its PDF and its e-mail, in German for "de" donors and English otherwise.</summary>
public sealed class TaxStatementTexts
{
    private TaxStatementTexts(bool german)
    {
        IsGerman = german;
        Culture = CultureInfo.GetCultureInfo(german ? "de-DE" : "en-GB");
    }

    public static TaxStatementTexts For(string? language) =>
        new(language is { Length: >= 2 } && language[..2].Equals("de", StringComparison.OrdinalIgnoreCase));

    public bool IsGerman { get; }

    public string Language => IsGerman ? "de" : "en";

    public CultureInfo Culture { get; }

    public string Title => IsGerman ? "Sammelbestätigung über Zuwendungen" : "Annual statement of gifts";

    public string NumberLabel => IsGerman ? "Nummer" : "Statement number";

    public string NotIssued => IsGerman ? "noch nicht ausgestellt (vorläufig)" : "not issued yet (provisional)";

    public string DonorLabel => IsGerman ? "Spender/in" : "Donor";

    public string PeriodLabel => IsGerman ? "Geschäftsjahr" : "Fiscal year";

    public string DateLabel => IsGerman ? "Datum" : "Date";

    public string FundLabel => IsGerman ? "Zweck" : "Fund";

    public string ReceiptLabel => IsGerman ? "Beleg" : "Receipt";

    public string AmountLabel => IsGerman ? "Betrag" : "Amount";

    public string TotalLabel => IsGerman ? "Summe" : "Total";

    public string NoGoods => IsGerman
        ? "Für diese Zuwendungen wurden keine Waren oder Dienstleistungen erbracht. Erstattete Beträge sind abgezogen."
        : "No goods or services were provided in exchange for these gifts. Amounts refunded to you are deducted.";

    public string AsOf(DateOnly day) => IsGerman ? $"Stand: {Date(day)}" : $"As of {Date(day)}";

    public string Subject(string yearLabel, string charityName) => IsGerman
        ? $"Ihre Sammelbestätigung {yearLabel} von {charityName}"
        : $"Your {yearLabel} statement of gifts to {charityName}";

    public string Greeting(string name) => IsGerman ? $"Guten Tag {name}," : $"Dear {name},";

    public string Body(string yearLabel) => IsGerman
        ? $"vielen Dank für Ihre Unterstützung im Geschäftsjahr {yearLabel}. "
            + "Im Anhang finden Sie Ihre Sammelbestätigung für Ihre Steuererklärung."
        : $"thank you for your support in the fiscal year {yearLabel}. Attached is your statement of gifts for your tax return.";

    public string TotalsIntro => IsGerman ? "Ihre Zuwendungen insgesamt:" : "Your gifts in total:";

    public string DashboardLink => IsGerman ? "Alle Bestätigungen in Ihrem Konto" : "All your statements in your account";

    public string Footer(string charityName) => IsGerman
        ? $"Sie erhalten diese Nachricht, weil Sie {charityName} unterstützt haben. "
            + "Spendenbestätigungen werden unabhängig von Ihren Mail-Einstellungen gesendet."
        : $"You receive this because you gave to {charityName}. Tax statements are always sent, whatever your mail preferences.";

    public string Date(DateOnly day) => day.ToString(IsGerman ? "d. MMMM yyyy" : "d MMMM yyyy", Culture);

    public string ShortDate(DateOnly day) => day.ToString(IsGerman ? "dd.MM.yyyy" : "d MMM yyyy", Culture);

    public string Amount(Money money) => money.Format(Culture);
}

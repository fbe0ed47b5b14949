using System.Globalization;
using System.Resources;
using Portal.Core.Languages;
using Portal.Core.Shared;

namespace Portal.Core.Transparency.TaxStatements;

/// <summary>
/// The words of the tax statement, its PDF and its e-mail, from <c>TaxStatementTexts.resx</c> and its translations, in
/// the donor's language (English for a language not supported).
/// </summary>
public sealed class TaxStatementTexts
{
    private static readonly ResourceManager Resources =
        new("Portal.Core.Transparency.TaxStatements.TaxStatementTexts", typeof(TaxStatementTexts).Assembly);

    private readonly DonorTexts texts;

    private TaxStatementTexts(string? language) => texts = new DonorTexts(Resources, language);

    public static TaxStatementTexts For(string? language) => new(language);

    public string Language => texts.Language;

    public CultureInfo Culture => texts.Culture;

    public string Title => texts["Title"];

    public string NumberLabel => texts["NumberLabel"];

    public string NotIssued => texts["NotIssued"];

    public string DonorLabel => texts["DonorLabel"];

    public string PeriodLabel => texts["PeriodLabel"];

    public string DateLabel => texts["DateLabel"];

    public string FundLabel => texts["FundLabel"];

    public string ReceiptLabel => texts["ReceiptLabel"];

    public string AmountLabel => texts["AmountLabel"];

    public string TotalLabel => texts["TotalLabel"];

    public string NoGoods => texts["NoGoods"];

    public string AsOf(DateOnly day) => texts.Format("AsOf", Date(day));

    public string Subject(string yearLabel, string charityName) => texts.Format("Subject", yearLabel, charityName);

    public string Greeting(string name) => texts.Format("Greeting", name);

    public string Body(string yearLabel) => texts.Format("Body", yearLabel);

    public string TotalsIntro => texts["TotalsIntro"];

    public string DashboardLink => texts["DashboardLink"];

    public string Footer(string charityName) => texts.Format("Footer", charityName);

    public string Date(DateOnly day) => texts.Date(day);

    public string ShortDate(DateOnly day) => day.ToString(
        Language switch
        {
            "de" => "dd.MM.yyyy",
            "fr" or "es" => "dd/MM/yyyy",
            _ => "d MMM yyyy",
        },
        Culture);

    public string Amount(Money money) => money.Format(Culture);
}

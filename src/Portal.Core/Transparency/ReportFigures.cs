using System.Text.Json;
using Portal.Core.Ledger;
using Portal.Core.Shared;

namespace Portal.Core.Transparency;

/// <summary>
/// A report's figures as stored in <see cref="TransparencyReport.FiguresJson"/>: minor units of the fund's currency,
/// taken from the fund's statement (<see cref="FundStatements"/>), so a report always agrees with the ledger. The page,
/// the PDF and the e-mailed summary all read <see cref="Lines"/>, so they show the same figures.
/// </summary>
/// <param name="Sponsors">See <see cref="ReportSponsors"/> for who counts.</param>
/// <param name="Donors">Donors with a gift in the period, in the fund's currency.</param>
/// <param name="OtherCurrencies">Currencies the fund also has ledger lines in during the period; those are not
/// converted (the finance statements show them), only named so a reader knows.</param>
public sealed record ReportFigures(
    string Currency, long Opening, long Gifts, long Returned, long Refunds, long Disputes, long Fees, long Spent,
    IReadOnlyList<CategorySpending> Spending, long Closing, int Sponsors, int Donors, IReadOnlyList<string> OtherCurrencies)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ReportFigures From(FundStatement statement, int sponsors, IReadOnlyList<string> otherCurrencies) => new(
        statement.Currency.Code, statement.Opening.Minor, statement.Gifts.Minor, statement.Returned.Minor, statement.Refunds.Minor,
        statement.Disputes.Minor, statement.Fees.Minor, statement.Spent.Minor,
        [.. statement.SpendingByCategory.Select(c => new CategorySpending(
            Portal.Core.Spending.SpendingCategories.Code(c.Category),
            Portal.Core.Spending.SpendingCategories.Label(c.Category),
            c.Amount.Minor))],
        statement.Closing.Minor, sponsors, statement.Donors, otherCurrencies);

    public static ReportFigures Empty(string currency, int sponsors, IReadOnlyList<string> otherCurrencies) => new(
        currency, 0, 0, 0, 0, 0, 0, 0,
        [.. Portal.Core.Spending.SpendingCategories.All.Select(c => new CategorySpending(c.Code, c.Label, 0))], 0, sponsors, 0, otherCurrencies);

    public static ReportFigures FromJson(string json) =>
        JsonSerializer.Deserialize<ReportFigures>(json, Json) ?? throw new InvalidOperationException("A report's figures are empty.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public Money Amount(long minor) => new(minor, Shared.Currency.Of(Currency));

    /// <summary>What came in and went out, in the order a reader follows the money, ending with the balance (in English).</summary>
    public IReadOnlyList<(string Label, Money Amount)> Lines => LinesIn(ReportTexts.For((string?)null));

    /// <summary>The same lines, labelled in the reader's language.</summary>
    public IReadOnlyList<(string Label, Money Amount)> LinesIn(ReportTexts texts) =>
    [
        (texts.Line("Opening"), Amount(Opening)),
        (texts.Line("Gifts"), Amount(Gifts)),
        (texts.Line("Returned"), Amount(-Returned)),
        (texts.Line("Refunds"), Amount(-Refunds)),
        (texts.Line("Disputes"), Amount(-Disputes)),
        (texts.Line("Fees"), Amount(-Fees)),
        (texts.Line("Spent"), Amount(-Spent)),
        (texts.Line("Closing"), Amount(Closing)),
    ];

    /// <summary>
    /// No gift and no spending in the period: nothing to tell donors, most often a period the ledger does not cover yet
    /// (see <see cref="PublishTransparencyReport"/>, which refuses to publish it).
    /// </summary>
    public bool IsEmpty => Gifts == 0 && Spent == 0;

    /// <summary>Income after refunds, disputes, returns and fees.</summary>
    public Money Net => Amount(Gifts - Returned - Refunds - Disputes - Fees);
}

/// <summary>What a fund spent on one category in the period, in minor units.</summary>
public sealed record CategorySpending(string Code, string Label, long Amount);

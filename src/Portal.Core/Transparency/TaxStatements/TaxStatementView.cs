using Portal.Core.Communications.Receipts;
using Portal.Core.Shared;

namespace Portal.Core.Transparency.TaxStatements;

/// <summary>Everything a tax statement shows, for the PDF and the e-mail alike.</summary>
/// <param name="Number">The issued statement's number; null for a statement not issued yet (a year still open).</param>
/// <param name="To">The day after the fiscal year's last day.</param>
/// <param name="AsOf">The day the figures were read: refunds after it are not in them.</param>
public sealed record TaxStatementView(
    string CharityName,
    string? Number,
    TaxStatementTexts Texts,
    string DonorName,
    string DonorEmail,
    string DonorCountry,
    int FiscalYear,
    string YearLabel,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<ReceiptView> Gifts,
    DateOnly AsOf)
{
    /// <summary>What the donor kept giving, per currency: amounts of different currencies are never added together.</summary>
    public IReadOnlyList<Money> Totals { get; } = TotalsOf(Gifts);

    public static IReadOnlyList<Money> TotalsOf(IEnumerable<ReceiptView> gifts) => gifts
        .GroupBy(gift => gift.Kept.Currency)
        .Select(group => group.Aggregate(Money.Zero(group.Key), (total, gift) => total + gift.Kept))
        .OrderBy(total => total.Currency.Code, StringComparer.Ordinal)
        .ToList();

    public DateOnly LastDay => To.AddDays(-1);

    public string PeriodText => $"{Texts.Date(From)} – {Texts.Date(LastDay)}";

    public string FileName => $"tax-statement-{FiscalYear}.pdf";
}

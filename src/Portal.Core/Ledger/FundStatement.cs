using Portal.Core.Funds;
using Portal.Core.Shared;
using Portal.Core.Spending;

namespace Portal.Core.Ledger;

/// <summary>A fund's statement for a period in one currency: its <see cref="FundFigures"/>, spending by category, donors and settlement.</summary>
/// <param name="Donors">Donors with a gift recorded in the period.</param>
public sealed record FundStatement(
    Fund Fund, DateOnly From, DateOnly To, FundFigures Figures, IReadOnlyList<(SpendingCategory Category, Money Amount)> SpendingByCategory,
    int Donors, GiftsInReportingCurrency Reporting)
{
    public Currency Currency => Figures.Currency;

    /// <summary>The fund's balance at the start of the period (and any opening balance booked within it).</summary>
    public Money Opening => Figures.Opening;

    public Money Gifts => Figures.Gifts;

    /// <summary>Gifts reversed in the period: returned bank debits, posted as reversals of the gift.</summary>
    public Money Returned => Figures.Returned;

    /// <summary>Gifts given back to donors (the fund's refunds account, 4100).</summary>
    public Money Refunds => Figures.Refunds;

    /// <summary>Gifts taken back by donors' banks, less disputes won (the fund's disputes account, 4200).</summary>
    public Money Disputes => Figures.Disputes;

    public Money Fees => Figures.Fees;

    public Money Spent => Figures.Spent;

    public Money Net => Figures.Net;

    public Money Closing => Figures.Closing;
}

/// <summary>The period's gifts of one currency in the reporting currency, as the gateway settled them.</summary>
/// <param name="Settled">The settled gifts in the reporting currency (the gifts themselves when already in it).</param>
/// <param name="SettledGifts">How many gifts <paramref name="Settled"/> counts.</param>
/// <param name="AverageRate">
/// Reporting currency per unit of the gift currency over the settled gifts, weighted by amount; null when none settled.
/// </param>
/// <param name="UnsettledGifts">Gifts with no rate yet: payout reconciliation has not read their settlement.</param>
/// <param name="OtherCurrencyGifts">Gifts the gateway settled in a currency other than the reporting one (not in <paramref name="Settled"/>).</param>
public sealed record GiftsInReportingCurrency(Money Settled, int SettledGifts, decimal? AverageRate, int UnsettledGifts, int OtherCurrencyGifts);

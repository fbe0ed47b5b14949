using Portal.Core.Funds;
using Portal.Core.Shared;
using Portal.Core.Spending;

namespace Portal.Core.Ledger;

/// <summary>A fund's figures for a period in one currency. Every money figure except spending by category is a sum of journal lines.</summary>
/// <param name="Opening">The fund's balance at the start of the period (and any opening balance booked within it).</param>
/// <param name="Returned">Gifts reversed in the period: returned bank debits, posted as reversals of the gift.</param>
/// <param name="Refunds">Gifts given back to donors (the fund's refunds account, 4100).</param>
/// <param name="Disputes">Gifts taken back by donors' banks, less disputes won (the fund's disputes account, 4200).</param>
/// <param name="Donors">Donors with a gift recorded in the period.</param>
public sealed record FundStatement(
    Fund Fund, DateOnly From, DateOnly To, Currency Currency, Money Opening, Money Gifts, Money Returned, Money Refunds, Money Disputes, Money Fees,
    Money Spent, IReadOnlyList<(SpendingCategory Category, Money Amount)> SpendingByCategory, Money Closing, int Donors, GiftsInReportingCurrency Reporting)
{
    public Money Net => Gifts - Returned - Refunds - Disputes - Fees;
}

/// <summary>The period's gifts of one currency in the reporting currency, as the gateway settled them.</summary>
/// <param name="Settled">The settled gifts in the reporting currency (the gifts themselves when already in it).</param>
/// <param name="SettledGifts">How many gifts <paramref name="Settled"/> counts.</param>
/// <param name="AverageRate">Reporting currency per unit of the gift currency over the settled gifts, weighted by amount; null when none settled.</param>
/// <param name="UnsettledGifts">Gifts with no rate yet: payout reconciliation has not read their settlement.</param>
/// <param name="OtherCurrencyGifts">Gifts the gateway settled in a currency other than the reporting one (not in <paramref name="Settled"/>).</param>
public sealed record GiftsInReportingCurrency(Money Settled, int SettledGifts, decimal? AverageRate, int UnsettledGifts, int OtherCurrencyGifts);

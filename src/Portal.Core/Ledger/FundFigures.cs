using Portal.Core.Shared;

namespace Portal.Core.Ledger;

/// <summary>
/// A fund's money in one currency over a period (or since the books began): the one definition of every fund figure
/// that a page, an export, a report or an e-mail shows. Read by <see cref="FundFiguresReader"/> from the ledger's totals.
/// </summary>
/// <param name="BalanceBefore">What the fund held before the period (zero since the books began).</param>
/// <param name="OpeningBalances">What the fund held when the portal began its books, booked in the period (account 3000).</param>
/// <param name="Gifts">Gifts received: the fund's income (4000) of ordinary entries.</param>
/// <param name="Returned">Gifts reversed because the payment failed after all (a returned SEPA debit), on 4000.</param>
/// <param name="Refunds">Gifts given back to donors (4100), less refunds that failed.</param>
/// <param name="Disputes">Gifts taken back by donors' banks in disputes and returns (4200), less disputes won.</param>
/// <param name="Fees">Processing fees the fund bore (5000).</param>
/// <param name="Spent">What the fund spent on its work (5100).</param>
public sealed record FundFigures(
    Guid FundId, Currency Currency, Money BalanceBefore, Money OpeningBalances, Money Gifts, Money Returned, Money Refunds, Money Disputes,
    Money Fees, Money Spent)
{
    /// <summary>The fund's balance at the start of the period, with any opening balance booked in it.</summary>
    public Money Opening => BalanceBefore + OpeningBalances;

    /// <summary>Gifts the fund kept: received, less returned, refunded and lost in disputes.</summary>
    public Money GiftsKept => Gifts - Returned - Refunds - Disputes;

    /// <summary>
    /// What the public pages call raised: the gifts the fund kept plus what it held when the books began. Before
    /// processing fees (they are paid out of it, like any cost) and before spending.
    /// </summary>
    public Money Raised => OpeningBalances + GiftsKept;

    /// <summary>Net income: the gifts kept less processing fees.</summary>
    public Money Net => GiftsKept - Fees;

    /// <summary>The fund's balance at the end of the period: every line of its accounts up to then.</summary>
    public Money Closing => Opening + Net - Spent;

    public static FundFigures Zero(Guid fundId, Currency currency)
    {
        var zero = Money.Zero(currency);
        return new FundFigures(fundId, currency, zero, zero, zero, zero, zero, zero, zero, zero);
    }
}

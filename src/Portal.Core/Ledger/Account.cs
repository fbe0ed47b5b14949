namespace Portal.Core.Ledger;

/// <summary>
/// A ledger account in one currency. Fund accounts carry the fund; the gateway clearing, bank and opening-balance
/// accounts are shared. Accounts are created the first time something posts to them.
/// </summary>
public class Account
{
    public long Id { get; set; }

    /// <summary>The account number finance staff see and export: "4000-KEN01-EUR".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public AccountKind Kind { get; set; }

    public Guid? FundId { get; set; }

    public required string Currency { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>The chart of accounts. The number is the code's prefix; the type decides which side increases it.</summary>
public enum AccountKind
{
    /// <summary>Money at the bank (asset).</summary>
    Bank = 1000,
    /// <summary>Cash received and not yet paid in at the bank (asset): offline gifts handed over in cash.</summary>
    Cash = 1010,
    /// <summary>Money the gateway holds for us until it pays out (asset).</summary>
    GatewayClearing = 1100,
    /// <summary>
    /// Currency conversion (a trading account, per currency): when the gateway settles a gift in another currency, the
    /// clearing balance moves from the gift's currency to the settlement currency through it, so each currency balances.
    /// </summary>
    CurrencyConversion = 1150,
    /// <summary>What each fund had before the portal kept its books (equity, per fund).</summary>
    OpeningBalance = 3000,
    /// <summary>Gifts to a fund (income, restricted to that fund).</summary>
    FundIncome = 4000,
    /// <summary>Gifts given back to donors (contra-income, per fund).</summary>
    FundRefunds = 4100,
    /// <summary>Gifts the donor's bank took back: disputes and bank returns (contra-income, per fund).</summary>
    FundDisputes = 4200,
    /// <summary>Processing fees borne by a fund (expense).</summary>
    FundFees = 5000,
    /// <summary>What a fund spent on its children and programs (expense, per fund).</summary>
    FundSpending = 5100,
    /// <summary>Reconciliation differences Finance accepted as a loss or gain (expense, shared).</summary>
    WriteOffs = 5900,
}

public static class AccountKinds
{
    public static int Number(this AccountKind kind) => (int)kind;
}

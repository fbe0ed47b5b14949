using System.Globalization;

namespace Portal.Core.Ledger;

/// <summary>How account numbers and titles are made: "4000-KEN01-EUR  Gifts: Children's Village Nairobi (EUR)".</summary>
public static class ChartOfAccounts
{
    public static string Code(AccountRef account)
    {
        var number = account.Kind.Number().ToString(CultureInfo.InvariantCulture);
        return account.Fund is null
            ? $"{number}-{account.Currency.Code}"
            : $"{number}-{account.Fund.Code}-{account.Currency.Code}";
    }

    public static string Name(AccountRef account)
    {
        var title = account.Kind switch
        {
            AccountKind.Bank => "Bank",
            AccountKind.Cash => "Cash",
            AccountKind.GatewayClearing => "Payment gateway clearing",
            AccountKind.OpeningBalance => "Opening balance",
            AccountKind.FundIncome => "Gifts",
            AccountKind.FundFees => "Processing fees",
            AccountKind.FundSpending => "Spending",
            AccountKind.FundRefunds => "Refunds",
            AccountKind.FundDisputes => "Disputes and returns",
            AccountKind.CurrencyConversion => "Currency conversion",
            AccountKind.WriteOffs => "Reconciliation write-offs",
            _ => account.Kind.ToString(),
        };
        return account.Fund is null
            ? $"{title} ({account.Currency.Code})"
            : $"{title}: {account.Fund.Name} ({account.Currency.Code})";
    }
}

using Portal.Core.Funds;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;

namespace Portal.Core.Ledger;

/// <summary>What a charge posts to the ledger.</summary>
public static class ChargePostings
{
    public static string SucceededKey(Guid chargeId) => $"charge:{chargeId}:succeeded";

    /// <summary>
    /// The gross gift to the fund's income against the gateway's clearing account, and the fee from the fund against
    /// clearing: the fund's net is what the gateway will pay out for it.
    /// </summary>
    public static JournalDraft Succeeded(Charge charge, Fund fund, Money fee, DateOnly date, string description)
    {
        var gross = charge.Amount;
        var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
        var clearing = new AccountRef(AccountKind.GatewayClearing, gross.Currency);
        var lines = new List<DraftLine>
        {
            DraftLine.Debit(clearing, gross),
            DraftLine.Credit(new AccountRef(AccountKind.FundIncome, gross.Currency, owner), gross),
        };
        if (!fee.IsZero)
        {
            lines.Add(DraftLine.Debit(new AccountRef(AccountKind.FundFees, gross.Currency, owner), fee));
            lines.Add(DraftLine.Credit(clearing, fee));
        }

        return new JournalDraft(date, description, SucceededKey(charge.Id), lines, fund.Id, charge.Id);
    }
}

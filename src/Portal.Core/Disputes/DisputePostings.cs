using Portal.Core.Funds;
using Portal.Core.Ledger;
using Portal.Core.Shared;

namespace Portal.Core.Disputes;

/// <summary>
/// What a dispute posts. When the funds are withdrawn the fund loses the gift (its disputes account) and bears the
/// gateway's dispute fee; if the dispute is won the gift comes back (the fee does not: the gateway keeps it).
/// </summary>
public static class DisputePostings
{
    public static string WithdrawnKey(Guid disputeId) => $"dispute:{disputeId}:withdrawn";

    public static string ReinstatedKey(Guid disputeId) => $"dispute:{disputeId}:reinstated";

    public static JournalDraft Withdrawn(Dispute dispute, Fund fund, DateOnly date)
    {
        var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
        var amount = new Money(dispute.AmountMinor, Currency.Of(dispute.Currency));
        var lines = new List<DraftLine>
        {
            DraftLine.Debit(new AccountRef(AccountKind.FundDisputes, amount.Currency, owner), amount),
            DraftLine.Credit(new AccountRef(AccountKind.GatewayClearing, amount.Currency), amount),
        };
        if (dispute.FeeMinor > 0 && dispute.FeeCurrency is { } feeCurrency)
        {
            var fee = new Money(dispute.FeeMinor, Currency.Of(feeCurrency));
            lines.Add(DraftLine.Debit(new AccountRef(AccountKind.FundFees, fee.Currency, owner), fee));
            lines.Add(DraftLine.Credit(new AccountRef(AccountKind.GatewayClearing, fee.Currency), fee));
        }

        var what = dispute.IsBankReturn ? "Bank return" : $"Dispute ({dispute.Reason})";
        return new JournalDraft(date, $"{what}: the donor's bank took the gift back", WithdrawnKey(dispute.Id), lines, fund.Id, dispute.ChargeId);
    }

    public static JournalDraft Reinstated(Dispute dispute, Fund fund, DateOnly date, long reversesEntryId)
    {
        var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
        var amount = new Money(dispute.AmountMinor, Currency.Of(dispute.Currency));
        return new JournalDraft(
            date,
            "Dispute won: the gift is the fund's again",
            ReinstatedKey(dispute.Id),
            [DraftLine.Debit(new AccountRef(AccountKind.GatewayClearing, amount.Currency), amount), DraftLine.Credit(
                new AccountRef(AccountKind.FundDisputes, amount.Currency, owner),
                amount)],
            fund.Id,
            dispute.ChargeId,
            reversesEntryId);
    }
}

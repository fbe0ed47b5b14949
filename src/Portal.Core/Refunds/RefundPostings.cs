using Portal.Core.Funds;
using Portal.Core.Ledger;
using Portal.Core.Shared;

namespace Portal.Core.Refunds;

/// <summary>What a refund posts: the fund gives the gift back (its refunds account), the gateway pays it from clearing.</summary>
public static class RefundPostings
{
    public static string SucceededKey(Guid refundId) => $"refund:{refundId}:succeeded";

    public static string FailedKey(Guid refundId) => $"refund:{refundId}:failed";

    public static JournalDraft Succeeded(Refund refund, Guid chargeId, Fund fund, DateOnly date) =>
        Draft(refund, chargeId, fund, date, SucceededKey(refund.Id), $"Refund to the donor: {refund.Reason}", sign: 1);

    /// <summary>A refund that had gone through and failed afterwards (the card was closed): the money is the fund's again.</summary>
    public static JournalDraft Failed(Refund refund, Guid chargeId, Fund fund, DateOnly date, long reversesEntryId) =>
        Draft(
            refund,
            chargeId,
            fund,
            date,
            FailedKey(refund.Id),
            $"Refund failed, money back to the fund: {refund.FailureReason}",
            sign: -1) with
        {
            ReversesEntryId = reversesEntryId,
        };

    private static JournalDraft Draft(Refund refund, Guid chargeId, Fund fund, DateOnly date, string key, string description, int sign)
    {
        var amount = new Money(checked(sign * refund.AmountMinor), Currency.Of(refund.Currency));
        var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
        return new JournalDraft(
            date,
            Shorten(description),
            key,
            [DraftLine.Debit(new AccountRef(AccountKind.FundRefunds, amount.Currency, owner), amount), DraftLine.Credit(
                new AccountRef(AccountKind.GatewayClearing, amount.Currency),
                amount)],
            fund.Id,
            chargeId);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300];
}

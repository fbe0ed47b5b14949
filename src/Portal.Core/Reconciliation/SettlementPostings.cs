using Portal.Core.Funds;
using Portal.Core.Ledger;
using Portal.Core.Shared;

namespace Portal.Core.Reconciliation;

/// <summary>
/// What a payout line settles in the ledger, once, under <c>settlement:{balance transaction}</c>. The actual fee
/// replaces the estimate booked with the gift; when the gateway settled in another currency the clearing amount moves
/// from the gift's currency to the settlement currency through the conversion account, so every currency balances and
/// the clearing account in the payout's currency ends at exactly the payout's net.
/// </summary>
public static class SettlementPostings
{
    public static string Key(string balanceTransactionId) => $"settlement:{balanceTransactionId}";

    public static string PayoutKey(string gateway, string payoutId) => $"payout:{gateway}:{payoutId}";

    /// <param name="ownGross">Our record's gross effect on clearing, in its own currency: a gift +, a refund or dispute −.</param>
    /// <param name="bookedFee">The fee we booked for it (the gift's estimate, the dispute fee), in the currency booked.</param>
    public static JournalDraft? Settle(PayoutLine line, Money ownGross, Money bookedFee, Fund fund, DateOnly date, Guid? chargeId)
    {
        var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
        var settle = Currency.Of(line.Currency);
        var lines = new Dictionary<(AccountKind Kind, Currency Currency), long>();
        void Add(AccountKind kind, Currency currency, long amount) =>
            lines[(kind, currency)] = checked(lines.GetValueOrDefault((kind, currency)) + amount);

        if (ownGross.Currency != settle)
        {
            Add(AccountKind.GatewayClearing, ownGross.Currency, -ownGross.Minor);
            Add(AccountKind.CurrencyConversion, ownGross.Currency, ownGross.Minor);
            Add(AccountKind.GatewayClearing, settle, line.AmountMinor);
            Add(AccountKind.CurrencyConversion, settle, -line.AmountMinor);
        }

        // The booked fee out, the actual fee in: only the difference remains when both are in the same currency.
        Add(AccountKind.FundFees, bookedFee.Currency, -bookedFee.Minor);
        Add(AccountKind.GatewayClearing, bookedFee.Currency, bookedFee.Minor);
        Add(AccountKind.FundFees, settle, line.FeeMinor);
        Add(AccountKind.GatewayClearing, settle, -line.FeeMinor);

        var drafted = lines.Where(l => l.Value != 0)
            .Select(l => new DraftLine(
                new AccountRef(l.Key.Kind, l.Key.Currency, l.Key.Kind == AccountKind.FundFees ? owner : null),
                new Money(l.Value, l.Key.Currency)))
            .ToList();
        return drafted.Count < 2
            ? null
            : new JournalDraft(
                date,
                $"Settled by the gateway ({line.Type} {line.BalanceTransactionId})",
                Key(line.BalanceTransactionId),
                drafted,
                fund.Id,
                chargeId);
    }

    public static JournalDraft Payout(Payout payout, DateOnly date)
    {
        var amount = new Money(payout.AmountMinor, Currency.Of(payout.Currency));
        return new JournalDraft(
            date,
            $"Payout {payout.GatewayPayoutId} from {payout.Gateway} to the bank",
            PayoutKey(payout.Gateway, payout.GatewayPayoutId),
            [DraftLine.Debit(new AccountRef(AccountKind.Bank, amount.Currency), amount), DraftLine.Credit(
                new AccountRef(AccountKind.GatewayClearing, amount.Currency),
                amount)]);
    }

    /// <summary>Accepting an unexplained amount: the clearing account receives it, the write-off account takes the other side.</summary>
    public static JournalDraft WriteOff(ReconciliationException exception, DateOnly date, string reason)
    {
        var amount = new Money(exception.AmountMinor ?? 0, Currency.Of(exception.Currency!));
        return new JournalDraft(
            date,
            $"Written off: {reason}".Length > 300 ? $"Written off: {reason}"[..300] : $"Written off: {reason}",
            $"writeoff:{exception.Id}",
            [DraftLine.Debit(new AccountRef(AccountKind.GatewayClearing, amount.Currency), amount), DraftLine.Credit(
                new AccountRef(AccountKind.WriteOffs, amount.Currency),
                amount)],
            exception.FundId,
            exception.ChargeId);
    }
}

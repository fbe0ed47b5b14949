using Portal.Core.Funds;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;

namespace Portal.Core.Ledger;

/// <summary>What a charge posts to the ledger.</summary>
public static class ChargePostings
{
    public static string SucceededKey(Guid chargeId) => $"charge:{chargeId}:succeeded";

    public static string ReversedKey(Guid chargeId) => $"charge:{chargeId}:reversed";

    /// <summary>Whether an entry is a gift: a charge's succeeded entry (not its reversal, not a refund or a settlement).</summary>
    public static bool IsGift(JournalEntry entry) =>
        entry.ChargeId is { } chargeId && entry.ReversesEntryId is null && entry.IdempotencyKey == SucceededKey(chargeId);

    /// <summary>Every line of the gift's entry with the opposite sign, in the same fund's accounts: a returned debit.</summary>
    public static JournalDraft Reversal(JournalEntry original, Charge charge, Fund fund, DateOnly date, string description)
    {
        var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
        var lines = original.Lines
            .Select(line => (Line: line, Account: line.Account ?? throw new InvalidOperationException("Load the entry's accounts to reverse it.")))
            .Select(x => (x.Line, Ref: new AccountRef(x.Account.Kind, Currency.Of(x.Line.Currency), x.Account.FundId is null ? null : owner)))
            .Select(x => DraftLine.Debit(
                x.Ref,
                new Money(checked(-x.Line.AmountMinor), Currency.Of(x.Line.Currency))))
            .ToList();
        return new JournalDraft(date, description, ReversedKey(charge.Id), lines, fund.Id, charge.Id, original.Id);
    }

    /// <summary>
    /// The gross gift to the fund's income; what the gateway will pay out for it (gross less the fee) to the gateway's
    /// clearing account; the fee to the fund's fees. Three lines, so the fund's net is what the gateway pays out.
    /// </summary>
    public static JournalDraft Succeeded(Charge charge, Fund fund, Money fee, DateOnly date, string description)
    {
        var gross = charge.Amount;
        var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
        var net = gross - fee;
        var lines = new List<DraftLine>(3);
        if (!net.IsZero)
        {
            lines.Add(DraftLine.Debit(new AccountRef(AccountKind.GatewayClearing, gross.Currency), net));
        }

        if (!fee.IsZero)
        {
            lines.Add(DraftLine.Debit(new AccountRef(AccountKind.FundFees, gross.Currency, owner), fee));
        }

        lines.Add(DraftLine.Credit(new AccountRef(AccountKind.FundIncome, gross.Currency, owner), gross));
        return new JournalDraft(date, description, SucceededKey(charge.Id), lines, fund.Id, charge.Id);
    }

    /// <summary>
    /// A gift the charity received itself (bank transfer, cheque, cash): the gross to the fund's income against the bank or
    /// cash account, under the same key as a gateway's gift, so it counts wherever a gift counts (<see cref="IsGift"/>).
    /// </summary>
    public static JournalDraft ReceivedDirectly(Charge charge, Fund fund, AccountKind receivedInto, DateOnly date, string description)
    {
        if (receivedInto is not (AccountKind.Bank or AccountKind.Cash))
        {
            throw new ArgumentOutOfRangeException(nameof(receivedInto), receivedInto, "A gift received directly goes to the bank or the cash box.");
        }

        var gross = charge.Amount;
        var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
        return new JournalDraft(
            date,
            description,
            SucceededKey(charge.Id),
            [
                DraftLine.Debit(new AccountRef(receivedInto, gross.Currency), gross),
                DraftLine.Credit(new AccountRef(AccountKind.FundIncome, gross.Currency, owner), gross),
            ],
            fund.Id,
            charge.Id);
    }
}

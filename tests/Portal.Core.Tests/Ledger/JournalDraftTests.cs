using Portal.Core.Ledger;
using Portal.Core.Shared;

namespace Portal.Core.Tests.Ledger;

public class JournalDraftTests
{
    private static readonly AccountRef Clearing = new(AccountKind.GatewayClearing, Currency.EUR);
    private static readonly AccountRef Income = new(AccountKind.FundIncome, Currency.EUR, new FundAccountOwner(Guid.NewGuid(), "F1", "Fund"));

    [Fact]
    public void A_balanced_draft_has_no_problem()
    {
        var draft = Draft(DraftLine.Debit(Clearing, Eur(1000)), DraftLine.Credit(Income, Eur(1000)));

        Assert.Null(draft.Problem());
    }

    [Fact]
    public void An_unbalanced_draft_says_by_how_much()
    {
        var draft = Draft(DraftLine.Debit(Clearing, Eur(1000)), DraftLine.Credit(Income, Eur(999)));

        Assert.Equal("The EUR lines are off by EUR 0.01.", draft.Problem());
    }

    [Fact]
    public void Each_currency_must_balance_on_its_own()
    {
        var usdClearing = new AccountRef(AccountKind.GatewayClearing, Currency.USD);
        var draft = Draft(
            DraftLine.Debit(Clearing, Eur(1000)),
            DraftLine.Credit(new AccountRef(AccountKind.FundIncome, Currency.USD), new Money(1000, Currency.USD)),
            DraftLine.Credit(Income, Eur(1000)),
            DraftLine.Debit(usdClearing, new Money(1000, Currency.USD)));
        var crossed = Draft(
            DraftLine.Debit(Clearing, Eur(1000)),
            DraftLine.Credit(new AccountRef(AccountKind.FundIncome, Currency.USD), new Money(1000, Currency.USD)));

        Assert.Null(draft.Problem());
        Assert.NotNull(crossed.Problem());
    }

    [Fact]
    public void A_draft_needs_two_lines_and_no_zero_line()
    {
        Assert.NotNull(Draft(DraftLine.Debit(Clearing, Eur(0)), DraftLine.Credit(Income, Eur(0))).Problem());
        Assert.NotNull(Draft(DraftLine.Debit(Clearing, Eur(0))).Problem());
    }

    private static Money Eur(long minor) => new(minor, Currency.EUR);

    private static JournalDraft Draft(params DraftLine[] lines) => new(new DateOnly(2026, 3, 10), "test", Guid.NewGuid().ToString(), lines);
}

using Portal.Core.Shared;

namespace Portal.Core.Ledger;

/// <summary>An entry to post: lines in any currencies, each currency's lines summing to zero.</summary>
public sealed record JournalDraft(
    DateOnly Date,
    string Description,
    string IdempotencyKey,
    IReadOnlyList<DraftLine> Lines,
    Guid? FundId = null,
    Guid? ChargeId = null,
    long? ReversesEntryId = null)
{
    /// <summary>Why this draft cannot be posted, or null when it balances.</summary>
    public string? Problem()
    {
        if (Lines.Count < 2)
        {
            return "An entry needs at least two lines.";
        }

        if (Lines.Any(line => line.Amount.IsZero))
        {
            return "An entry has a line of zero.";
        }

        foreach (var currency in Lines.GroupBy(line => line.Amount.Currency))
        {
            var sum = currency.Aggregate(Money.Zero(currency.Key), (total, line) => total + line.Amount);
            if (!sum.IsZero)
            {
                return $"The {currency.Key} lines are off by {sum}.";
            }
        }

        return null;
    }
}

/// <summary>A signed amount (debit positive, credit negative) on an account.</summary>
public sealed record DraftLine(AccountRef Account, Money Amount)
{
    public static DraftLine Debit(AccountRef account, Money amount) => new(account, amount);

    public static DraftLine Credit(AccountRef account, Money amount) => new(account, -amount);
}

/// <summary>Names an account without loading it: its kind, its fund (for fund accounts) and its currency.</summary>
public sealed record AccountRef(AccountKind Kind, Currency Currency, FundAccountOwner? Fund = null);

/// <summary>The fund an account belongs to, with the code and name its account number and title are made from.</summary>
public sealed record FundAccountOwner(Guid Id, string Code, string Name);

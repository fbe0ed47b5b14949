using Portal.Core.Reconciliation.Bank;

namespace Portal.Core.Gifts;

/// <summary>How a bank credit was tied to a donor, strongest first.</summary>
public enum CreditMatch
{
    None = 0,
    /// <summary>A gift reference (donor and fund) or a donor's reference in the texts.</summary>
    Reference = 1,
    /// <summary>The payer's IBAN gave an earlier offline gift.</summary>
    Account = 2,
    /// <summary>The payer's name is exactly one donor's (folded, in either word order).</summary>
    Name = 3,
}

/// <summary>
/// A credit of the imported statements that is not a payout, with the gift it is offered as: a donor and a fund when
/// both are known, otherwise the reason it waits for Finance.
/// </summary>
public sealed record CreditOffer(BankLine Line, CreditMatch How, Guid? DonorId, string? DonorName, Guid? FundId, string? FundName, string Reason)
{
    public bool Bookable => DonorId is not null && FundId is not null;

    /// <summary>Booked in bulk only on a reference or an account: a name alone is checked by a person, line by line.</summary>
    public bool Sure => Bookable && How is CreditMatch.Reference or CreditMatch.Account;
}

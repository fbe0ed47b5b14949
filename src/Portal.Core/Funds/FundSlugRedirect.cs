namespace Portal.Core.Funds;

/// <summary>
/// An address a fund had before its slug changed: <c>/funds/{OldSlug}</c> answers 301 to the fund's present address, so
/// links in sent e-mails, receipts and search engines keep working. Renaming back removes it.
/// </summary>
public class FundSlugRedirect
{
    public required string OldSlug { get; set; }

    public Guid FundId { get; set; }

    public DateTime CreatedAt { get; set; }
}

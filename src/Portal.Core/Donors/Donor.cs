namespace Portal.Core.Donors;

/// <summary>A person who gives. Known by e-mail address; signs in with an e-mailed link, never a password.</summary>
public class Donor
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The address as typed, for e-mail.</summary>
    public required string Email { get; set; }

    /// <summary>The address trimmed and upper-cased (invariant): what makes a donor unique.</summary>
    public required string NormalizedEmail { get; set; }

    public required string Name
    {
        get;
        set
        {
            field = value;
            SearchName = DonorSearchKeys.Fold(value);
            SearchLastName = DonorSearchKeys.LastWord(SearchName);
        }
    }

    /// <summary>The name folded for search (<see cref="DonorSearchKeys.Fold"/>); kept in step by <see cref="Name"/>'s setter.</summary>
    public string? SearchName { get; set; }

    /// <summary>The last word of <see cref="SearchName"/>, so staff find "Anna Müller" by "mull".</summary>
    public string? SearchLastName { get; set; }

    /// <summary>A telephone number as the donor gave it, for donor care to call back.</summary>
    public string? Phone { get; set; }

    /// <summary>Street and house number (and any further line) for tax statements and letters.</summary>
    public string? AddressLine { get; set; }

    public string? PostalCode
    {
        get;
        set
        {
            field = value;
            PostalCodeKey = DonorSearchKeys.PostalCodeKey(value);
        }
    }

    /// <summary><see cref="PostalCode"/> upper-cased without spaces or hyphens, the way staff may type it.</summary>
    public string? PostalCodeKey { get; set; }

    public string? City { get; set; }

    /// <summary>
    /// The donor's ISO 11649 creditor reference ("RF…", <see cref="PaymentReferences"/>): put on a bank transfer or a
    /// standing order, it tells Finance whose gift it is. Given once and never changed.
    /// </summary>
    public string? PaymentReference { get; set; } = PaymentReferences.NewForDonor();

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public required string CountryCode { get; set; }

    /// <summary>IETF language tag of the donor's mail and pages ("en", "de").</summary>
    public string Language { get; set; } = "en";

    /// <summary>
    /// The kinds of bulk mail the donor agreed to and has not withdrawn. Changed only by
    /// <see cref="Communications.Consent.ConsentChanges"/>, beside a record of each change with its wording.
    /// </summary>
    public Communications.Consent.MailTopics MailConsents { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The accounting date of the donor's latest gift, kept by the ledger's totals as gifts post (a lapsed donor's is
    /// last year's); null before the first.
    /// </summary>
    public DateOnly? LastGiftOn { get; set; }

    /// <summary>The donor this one was merged into by donor care (<see cref="Care.DonorMerges"/>); null for a donor of their own.</summary>
    public Guid? MergedIntoId { get; set; }

    /// <summary>When the donor's personal data was pseudonymised (Privacy.DonorErasure); the record stays for the books.</summary>
    public DateTime? ErasedAt { get; set; }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}

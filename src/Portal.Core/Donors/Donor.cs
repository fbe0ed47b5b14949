namespace Portal.Core.Donors;

/// <summary>A person who gives. Known by e-mail address; signs in with an e-mailed link, never a password.</summary>
public class Donor
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The address as typed, for e-mail.</summary>
    public required string Email { get; set; }

    /// <summary>The address trimmed and upper-cased (invariant): what makes a donor unique.</summary>
    public required string NormalizedEmail { get; set; }

    public required string Name { get; set; }

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

    /// <summary>When the donor's personal data was pseudonymised (Privacy.DonorErasure); the record stays for the books.</summary>
    public DateTime? ErasedAt { get; set; }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}

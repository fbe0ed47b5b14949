namespace Portal.Core.Communications.Consent;

/// <summary>
/// One change of a donor's consent to one topic of bulk mail: given or withdrawn, with the words the donor saw, when,
/// and on which page. Never changed or deleted; the donor's current choice is kept on the donor row
/// (<see cref="Donors.Donor.MailConsents"/>), written in the same transaction.
/// </summary>
public class ConsentRecord
{
    public long Id { get; set; }

    public Guid DonorId { get; set; }

    /// <summary>Exactly one topic.</summary>
    public MailTopics Topic { get; set; }

    /// <summary>True when the donor agreed, false when they withdrew.</summary>
    public bool Given { get; set; }

    /// <summary>The version of the wording (<see cref="ConsentWordings"/>), such as "sponsor-form.appeals.v1".</summary>
    public required string WordingId { get; set; }

    /// <summary>The words shown beside the choice, as the donor read them.</summary>
    public required string Wording { get; set; }

    /// <summary>The page or link the change came from, such as "sponsor form /funds/nairobi/sponsor".</summary>
    public required string Source { get; set; }

    public DateTime At { get; set; }
}

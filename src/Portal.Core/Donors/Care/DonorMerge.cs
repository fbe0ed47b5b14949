using Portal.Core.Communications.Consent;

namespace Portal.Core.Donors.Care;

/// <summary>
/// Two donor records found to be one person, merged by donor care: the merged donor's sponsorships (with their
/// gifts and receipts) and consents went to the kept donor. Until it is confirmed the merge can be undone, and what
/// it moved is recorded here for that.
/// </summary>
public class DonorMerge
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid KeptDonorId { get; set; }

    public Guid MergedDonorId { get; set; }

    public DonorMergeState State { get; set; } = DonorMergeState.Merged;

    /// <summary>The ids of the sponsorships moved to the kept donor, comma-separated.</summary>
    public string MovedSponsorships { get; set; } = "";

    /// <summary>The gateways whose customer record moved with them (the kept donor had none there), comma-separated.</summary>
    public string MovedGatewayCustomers { get; set; } = "";

    /// <summary>The topics each donor received before the merge, restored by an undo.</summary>
    public MailTopics KeptConsentsBefore { get; set; }

    public MailTopics MergedConsentsBefore { get; set; }

    public required string Reason { get; set; }

    public required string MergedBy { get; set; }

    public DateTime MergedAt { get; set; }

    /// <summary>Who confirmed or undid the merge.</summary>
    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }
}

public enum DonorMergeState
{
    /// <summary>Done and still reversible.</summary>
    Merged = 1,
    Confirmed = 2,
    Undone = 3,
}

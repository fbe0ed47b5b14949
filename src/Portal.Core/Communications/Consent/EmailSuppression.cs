namespace Portal.Core.Communications.Consent;

/// <summary>
/// An address no bulk mail goes to, whoever's it is: it bounced for good, its owner complained, or staff stopped it.
/// Kept by normalised address, so it holds when the donor record is replaced or forgotten.
/// </summary>
public class EmailSuppression
{
    /// <summary>The address trimmed and upper-cased, as <see cref="Donors.Donor.NormalizedEmail"/>.</summary>
    public required string NormalizedEmail { get; set; }

    public SuppressionReason Reason { get; set; }

    /// <summary>What the bounce said ("5.1.1 user unknown"), or who stopped it and why.</summary>
    public string? Detail { get; set; }

    public DateTime At { get; set; }
}

public enum SuppressionReason
{
    HardBounce = 1,
    Complaint = 2,
    Manual = 3,
}

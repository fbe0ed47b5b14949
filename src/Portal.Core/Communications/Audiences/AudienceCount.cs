namespace Portal.Core.Communications.Audiences;

/// <summary>A fund's audience as last counted: its donors, and those who agreed to hear how its money is used.</summary>
public class FundAudienceCount
{
    public Guid FundId { get; set; }

    /// <summary>Donors with an active, paused or past-due sponsorship of the fund, or a completed one-time gift to it.</summary>
    public long Donors { get; set; }

    /// <summary>Of those, the ones an impact update may go to (<see cref="Consent.MailConsent.Reachable"/>).</summary>
    public long ImpactUpdates { get; set; }

    /// <summary>Of those, the ones a transparency report may go to.</summary>
    public long TransparencyReports { get; set; }

    /// <summary>Of those, the ones an appeal may go to.</summary>
    public long Appeals { get; set; }

    public DateTime CountedAt { get; set; }
}

/// <summary>Tax statements of a fiscal year as last counted: issued, and how many of their e-mails went out.</summary>
public class TaxStatementYearCount
{
    public int FiscalYear { get; set; }

    public long Issued { get; set; }

    public long Sent { get; set; }

    public DateTime CountedAt { get; set; }
}

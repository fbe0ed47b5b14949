using Portal.Core.Communications.Consent;
using Portal.Core.Data;

namespace Portal.Core.Communications.Updates;

/// <summary>
/// A message from Communications to a chosen audience: a story about a fund, a transparency report's summary, an
/// appeal. Written as Markdown, sent once to each recipient through <see cref="UpdateDelivery"/> rows.
/// </summary>
public class ImpactUpdate : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Title { get; set; }

    /// <summary>Markdown; rendered by <see cref="UpdateMarkdown"/>, which removes anything active.</summary>
    public required string BodyMarkdown { get; set; }

    /// <summary>The preference a donor can turn off to stop this kind of mail.</summary>
    public MailTopics Topic { get; set; } = MailTopics.ImpactUpdates;

    public UpdateAudienceKind AudienceKind { get; set; } = UpdateAudienceKind.FundSponsors;

    /// <summary>The fund whose sponsors hear it; required for <see cref="UpdateAudienceKind.FundSponsors"/>.</summary>
    public Guid? FundId { get; set; }

    public bool IncludeActive { get; set; } = true;

    public bool IncludePaused { get; set; }

    /// <summary>Also sponsors whose sponsorship ended within this many months; null leaves them out.</summary>
    public int? LapsedWithinMonths { get; set; }

    /// <summary>Only donors with this language; null sends to every language, each in their own.</summary>
    public string? Language { get; set; }

    public UpdateStatus Status { get; set; } = UpdateStatus.Draft;

    /// <summary>When a scheduled update goes out (UTC).</summary>
    public DateTime? ScheduledFor { get; set; }

    /// <summary>The transparency report this update announces, if it does.</summary>
    public Guid? TransparencyReportId { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Who pressed send (or scheduled it), for the report.</summary>
    public string? SentBy { get; set; }

    /// <summary>Set when the audience has been written out as deliveries; from then on the list does not change.</summary>
    public DateTime? ExpandedAt { get; set; }

    public int RecipientCount { get; set; }

    public DateTime? FinishedAt { get; set; }

    public int Version { get; set; }
}

public enum UpdateAudienceKind
{
    FundSponsors = 1,
    AllDonors = 2,

    /// <summary>Donors who gave last year and not this year (<see cref="Fundraising.FundraisingLists.Lapsed"/>), of one fund or all.</summary>
    LapsedDonors = 3,

    /// <summary>Sponsors whose saved card expires this month or next, of one fund or all.</summary>
    ExpiringCards = 4,

    /// <summary>Sponsors with a payment past due, of one fund or all.</summary>
    PastDue = 5,
}

public enum UpdateStatus
{
    Draft = 0,
    Scheduled = 1,
    Sending = 2,
    Sent = 3,
    Cancelled = 4,
}

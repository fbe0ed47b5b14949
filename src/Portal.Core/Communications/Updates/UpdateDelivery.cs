namespace Portal.Core.Communications.Updates;

/// <summary>
/// One recipient of one update: the outbox row that makes the send resumable and at most once. Unique on
/// (update, donor), so expanding the audience twice adds nobody twice.
/// </summary>
public class UpdateDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UpdateId { get; set; }

    public Guid DonorId { get; set; }

    public required string ToAddress { get; set; }

    public required string ToName { get; set; }

    /// <summary>The donor's language when the audience was expanded: the message is written in it.</summary>
    public required string Language { get; set; }

    /// <summary>The fund the message speaks of for this donor (the update's, or the donor's own).</summary>
    public Guid? FundId { get; set; }

    /// <summary>What the donor gave this calendar year (to <see cref="FundId"/>), in minor units of <see cref="GivenCurrency"/>.</summary>
    public long GivenThisYearMinor { get; set; }

    public string? GivenCurrency { get; set; }

    public DeliveryStatus Status { get; set; } = DeliveryStatus.Queued;

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    /// <summary>A sender holds the row until then.</summary>
    public DateTime? ClaimedUntil { get; set; }

    public DateTime? SentAt { get; set; }

    public string? LastError { get; set; }
}

public enum DeliveryStatus
{
    Queued = 0,
    /// <summary>Handed to a sender; not yet confirmed either way.</summary>
    Sending = 1,
    Sent = 2,
    /// <summary>Refused for good, or out of retries.</summary>
    Failed = 3,
    /// <summary>A sender stopped while holding it: it may or may not have gone out, so it is not sent again.</summary>
    Uncertain = 4,
    /// <summary>Not sent: the donor unsubscribed or the address was suppressed after the audience was expanded.</summary>
    Skipped = 5,
}

using Portal.Core.Data;
using Portal.Core.Shared;

namespace Portal.Core.Sponsorships;

/// <summary>
/// A donor's promise to a fund: an amount every interval (or once). Each period it is due is collected by one
/// <see cref="Charge"/>, unique per (sponsorship, period).
/// </summary>
public class Sponsorship : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DonorId { get; set; }

    public Guid FundId { get; set; }

    /// <summary>What the donor gives each period, before any fee they chose to cover.</summary>
    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    /// <summary>Added to each charge when the donor chose to cover the processing fee; 0 otherwise.</summary>
    public long FeeCoverMinor { get; set; }

    public SponsorshipInterval Interval { get; set; }

    /// <summary>Day of the month it is charged (1-31; 29-31 fall on the last day of shorter months).</summary>
    public int ChargeDay { get; set; }

    public SponsorshipStatus Status { get; set; } = SponsorshipStatus.Pending;

    /// <summary>
    /// Why it was cancelled, from a fixed list (see <see cref="CancelReasons"/>); <see cref="CancelReason"/> holds the donor's words.
    /// </summary>
    public string? CancelReasonCode { get; set; }

    public DedicationKind DedicationKind { get; set; }

    public string? DedicationName { get; set; }

    /// <summary>
    /// The topics of bulk mail the donor ticked on the sponsor form; given once the first gift is paid (an unpaid form
    /// proves nothing about who typed the address), with the wording of <see cref="ConsentWordingSet"/>.
    /// </summary>
    public Communications.Consent.MailTopics ConsentTopics { get; set; }

    /// <summary>The browser that started the checkout (a random value in a cookie of its own): declines count against it.</summary>
    public string? CheckoutReference { get; set; }

    /// <summary>The version of the form's consent wording the donor saw (<see cref="Communications.Consent.ConsentWordings"/>).</summary>
    public string? ConsentWordingSet { get; set; }

    /// <summary>The gateway that holds the payment method (<c>stripe</c>, <c>sandbox</c>).</summary>
    public required string Gateway { get; set; }

    public string? GatewayCustomerId { get; set; }

    /// <summary>The saved payment method that later periods are charged to, once the first payment succeeds.</summary>
    public string? GatewayPaymentMethodId { get; set; }

    /// <summary>
    /// The next period to claim and charge, in the charity's calendar (<see cref="ChargeSchedule"/>). Set when the
    /// first payment succeeds; moved on by each claim, and by a pause, a skip or a change of charge day.
    /// </summary>
    public DateOnly? NextPeriodStart { get; set; }

    /// <summary>
    /// The first period of the present interval, when the interval was changed: the periods before it were paid at the
    /// old one, so periods left unpaid by a pause or skips count from here on (<see cref="SponsorshipChanges"/>).
    /// </summary>
    public DateOnly? IntervalFrom { get; set; }

    /// <summary>The donor paused it: no period starting before this date is charged.</summary>
    public DateOnly? PausedUntil { get; set; }

    /// <summary>When the last retry of a failed charge failed and the sponsorship stopped, waiting for the donor or staff.</summary>
    public DateTime? PastDueSince { get; set; }

    /// <summary>The saved card's brand and last four digits, to show the donor which card is charged.</summary>
    public string? CardBrand { get; set; }

    public string? CardLast4 { get; set; }

    /// <summary>The last day the saved card is valid (the end of its expiry month); null for SEPA and unknown.</summary>
    public DateOnly? CardExpiresOn { get; set; }

    public string? CancelReason { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the first payment succeeded.</summary>
    public DateTime? StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>Optimistic concurrency: bumped by every change, so two writers never both win.</summary>
    public int Version { get; set; }

    public Money Amount => new(AmountMinor, Shared.Currency.Of(Currency));

    public Money ChargeAmount => new(checked(AmountMinor + FeeCoverMinor), Shared.Currency.Of(Currency));

    public bool Recurs => Interval != SponsorshipInterval.Once;

    /// <summary>Whether its donor may still pause, change or cancel it: recurring, and running or due to run again.</summary>
    public bool DonorCanChange => Recurs && IsRunning(Status);

    /// <summary>Whether a sponsorship in this status makes its donor a sponsor of its fund: it runs, or will again.</summary>
    public static bool IsRunning(SponsorshipStatus status) => SponsorshipStatuses.Running.Contains(status);
}

public static class SponsorshipStatuses
{
    /// <summary>The statuses of a sponsorship that runs or will again (active, paused, past due): its donor is a sponsor.</summary>
    public static readonly SponsorshipStatus[] Running = [SponsorshipStatus.Active, SponsorshipStatus.Paused, SponsorshipStatus.PastDue];
}

public enum SponsorshipInterval
{
    Once = 0,
    Monthly = 1,
    Quarterly = 3,
    Yearly = 12,
}

public enum SponsorshipStatus
{
    /// <summary>Created at checkout; nothing paid yet.</summary>
    Pending = 0,
    Active = 1,
    /// <summary>Paused by the donor until <see cref="Sponsorship.PausedUntil"/>; it resumes by itself.</summary>
    Paused = 2,
    /// <summary>A payment failed and its retries ran out (or need a new method): paused, not cancelled, until the donor or staff act.</summary>
    PastDue = 3,
    Cancelled = 4,
    /// <summary>A one-time gift that was paid.</summary>
    Completed = 5,
    /// <summary>The first payment failed for good (a SEPA debit returned, checkout abandoned).</summary>
    Failed = 6,
}

public enum DedicationKind
{
    None = 0,
    InHonourOf = 1,
    InMemoryOf = 2,
}

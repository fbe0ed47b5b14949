using Portal.Core.Data;
using Portal.Core.Shared;

namespace Portal.Core.Sponsorships;

/// <summary>
/// One attempt to collect one period of one sponsorship. (SponsorshipId, PeriodStart) is unique: inserting the row
/// claims the period, so a second worker's insert fails and it never charges the period again.
/// </summary>
public class Charge : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SponsorshipId { get; set; }

    /// <summary>The first day of the period this charge collects, in the charity's time zone.</summary>
    public DateOnly PeriodStart { get; set; }

    /// <summary>Gross amount charged (the gift plus any fee the donor covers).</summary>
    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    /// <summary>The processing fee, once known (from the gateway's balance transaction, else estimated).</summary>
    public long? FeeMinor { get; set; }

    public bool FeeIsEstimate { get; set; }

    public ChargeStatus Status { get; set; } = ChargeStatus.Scheduled;

    /// <summary>1 for the first try; each retry after a decline is a new attempt with a new idempotency key.</summary>
    public int Attempt { get; set; } = 1;

    public required string Gateway { get; set; }

    /// <summary>
    /// The fund this period's gift goes to, fixed when the period is claimed: a donor who changes fund later changes
    /// the next period, not this one. Null on first payments made before it was recorded (the sponsorship's fund).
    /// </summary>
    public Guid? FundId { get; set; }

    /// <summary>
    /// The accounting date of the gift's ledger entry, set as it posts (see <see cref="Ledger.ChargePostings.IsGift"/>):
    /// a fund statement counts the gifts of a period by it. Null until the charge succeeds.
    /// </summary>
    public DateOnly? GiftDate { get; set; }

    /// <summary>The customer and saved method this attempt charges, so a retry of the attempt is the identical request.</summary>
    public string? GatewayCustomerId { get; set; }

    public string? GatewayPaymentMethodId { get; set; }

    /// <summary>Set for the first payment, made on the gateway's hosted checkout page.</summary>
    public string? CheckoutSessionId { get; set; }

    public string? PaymentIntentId { get; set; }

    /// <summary>The gateway's charge (<c>ch_...</c>) behind the payment: what a payout's balance transaction names.</summary>
    public string? GatewayChargeId { get; set; }

    public string? DeclineCode { get; set; }

    public string? FailureMessage { get; set; }

    /// <summary>"R-2026-000123": the number printed on the receipt, given when the charge succeeds.</summary>
    public string? ReceiptNumber { get; set; }

    /// <summary>The charge run that claimed this period; null for a first payment made at checkout.</summary>
    public long? RunId { get; set; }

    /// <summary>When the current attempt was sent to the gateway: an attempt in flight for long had its answer lost.</summary>
    public DateTime? AttemptedAt { get; set; }

    /// <summary>When a soft-declined charge is tried again (a new attempt); null when no retry is planned.</summary>
    public DateTime? NextRetryAt { get; set; }

    /// <summary>When a payment that had succeeded was returned or failed after all (a SEPA return) and reversed.</summary>
    public DateTime? ReversedAt { get; set; }

    /// <summary>How much of the charge has been refunded (succeeded or pending refunds), in its currency.</summary>
    public long AmountRefundedMinor { get; set; }

    /// <summary>The gateway's balance transaction for the payment, known once a payout settles it.</summary>
    public string? BalanceTransactionId { get; set; }

    /// <summary>What the gateway settled, in its settlement currency (the federation's reporting currency).</summary>
    public long? SettledAmountMinor { get; set; }

    public long? SettledFeeMinor { get; set; }

    public string? SettledCurrency { get; set; }

    /// <summary>The gateway's rate from the gift's currency to the settlement currency (1 when they are the same).</summary>
    public decimal? ExchangeRate { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SucceededAt { get; set; }

    public DateTime? FailedAt { get; set; }

    public int Version { get; set; }

    public Money Amount => new(AmountMinor, Shared.Currency.Of(Currency));

    /// <summary>The gateway idempotency key of the current attempt: a retry of the same attempt is the same request.</summary>
    public string IdempotencyKey => $"charge-{Id}-attempt-{Attempt}";
}

public enum ChargeStatus
{
    Scheduled = 0,
    /// <summary>Sent to the gateway (or awaiting the donor on the hosted checkout); outcome not yet known.</summary>
    InFlight = 1,
    /// <summary>Accepted but not final: a SEPA debit takes days to settle.</summary>
    Processing = 2,
    Succeeded = 3,
    Failed = 4,
    Refunded = 5,
    Disputed = 6,
    /// <summary>The bank asks the donor to confirm (3-D Secure); the donor was sent a link to pay on-session.</summary>
    ActionRequired = 7,
}

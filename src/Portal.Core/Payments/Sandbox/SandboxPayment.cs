using Portal.Core.Data;

namespace Portal.Core.Payments.Sandbox;

/// <summary>
/// The local sandbox's record of one payment: its hosted checkout session (for a first gift) and its payment intent.
/// It plays Stripe's part in the embedded default, so every id is shaped like Stripe's with "sandbox" in it.
/// </summary>
public class SandboxPayment : IVersioned
{
    /// <summary>"pi_sandbox_..."</summary>
    public required string Id { get; set; }

    /// <summary>"cs_sandbox_..." for a checkout; null for an off-session charge.</summary>
    public string? CheckoutSessionId { get; set; }

    /// <summary>The caller's idempotency key: the same key returns this payment again instead of a new one.</summary>
    public required string IdempotencyKey { get; set; }

    public Guid ChargeId { get; set; }

    /// <summary>The charge's attempt this payment was made for (metadata <c>attempt</c>, as on Stripe).</summary>
    public int Attempt { get; set; } = 1;

    public Guid SponsorshipId { get; set; }

    public Guid DonorId { get; set; }

    public Guid FundId { get; set; }

    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    public required string Description { get; set; }

    public required string DonorEmail { get; set; }

    /// <summary>"cus_sandbox_..."</summary>
    public required string CustomerId { get; set; }

    public bool SaveForLater { get; set; }

    /// <summary>"pm_sandbox_..." once paid; it stands for the card or account in <see cref="PaymentMethodNumber"/>.</summary>
    public string? PaymentMethodId { get; set; }

    /// <summary>The test card number or IBAN that was used; it decides how later charges to this method behave.</summary>
    public string? PaymentMethodNumber { get; set; }

    public SandboxPaymentStatus Status { get; set; }

    public string? DeclineCode { get; set; }

    public string? FailureMessage { get; set; }

    public long? FeeMinor { get; set; }

    public string? SuccessUrl { get; set; }

    public string? CancelUrl { get; set; }

    public string Locale { get; set; } = "en";

    public DateTime CreatedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public int Version { get; set; }
}

public enum SandboxPaymentStatus
{
    /// <summary>The checkout page is waiting for the donor (also after a declined card: they may try another).</summary>
    Open = 0,
    /// <summary>Waiting for the donor to confirm with their bank (3-D Secure).</summary>
    RequiresAction = 1,
    Processing = 2,
    Succeeded = 3,
    Failed = 4,
    Expired = 5,
}

using Portal.Core.Shared;

namespace Portal.Core.Payments;

/// <summary>The gateway's current view of one payment.</summary>
/// <param name="Fee">The processing fee in the payment's currency, when the gateway has settled it.</param>
/// <param name="FeeIsEstimate">True when the fee had to be converted from another settlement currency.</param>
public sealed record PaymentLookup(
    string PaymentIntentId,
    PaymentState State,
    Money Amount,
    string? CustomerId,
    string? PaymentMethodId,
    Money? Fee,
    bool FeeIsEstimate,
    string? DeclineCode,
    string? FailureMessage)
{
    /// <summary>The payment's method with its card details (brand, last four, expiry), when the gateway gave them.</summary>
    public SavedPaymentMethod? Method { get; init; }

    /// <summary>The gateway's charge behind the payment (<c>ch_...</c>), once there is one.</summary>
    public string? GatewayChargeId { get; init; }
}

public enum PaymentState
{
    /// <summary>Still waiting for the donor or for a payment method (a decline during checkout lands here).</summary>
    Open = 0,
    Processing = 1,
    Succeeded = 2,
    Failed = 3,
    /// <summary>The gateway has no such payment.</summary>
    Unknown = 4,
}

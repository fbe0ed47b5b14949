using Portal.Core.Languages;
using Portal.Core.Shared;

namespace Portal.Core.Payments;

/// <summary>A first gift to be paid on the gateway's hosted page.</summary>
/// <param name="ChargeId">Our charge; it travels as metadata and makes the idempotency key.</param>
/// <param name="SaveForLater">True when the gift recurs: the payment method is saved for off-session charges.</param>
/// <param name="ExistingCustomerId">The donor's customer at this gateway, reused when they have one.</param>
/// <param name="SuccessUrl">Where the donor returns after paying; <c>{CHECKOUT_SESSION_ID}</c> is filled in.</param>
public sealed record CheckoutRequest(
    Guid ChargeId,
    Guid SponsorshipId,
    Guid DonorId,
    Guid FundId,
    Money Amount,
    string Description,
    string DonorEmail,
    string? ExistingCustomerId,
    bool SaveForLater,
    string Locale,
    Uri SuccessUrl,
    Uri CancelUrl,
    int Attempt = 1)
{
    public const string SessionIdPlaceholder = "{CHECKOUT_SESSION_ID}";

    /// <summary>The metadata every gateway object of this gift carries, so an event finds its way back to us.</summary>
    public IReadOnlyDictionary<string, string> Metadata => PaymentMetadata.For(ChargeId, SponsorshipId, DonorId, FundId, Attempt);
}

public abstract record CheckoutCreation
{
    private CheckoutCreation()
    {
    }

    public sealed record Created(string SessionId, Uri RedirectUrl) : CheckoutCreation;

    /// <summary>The gateway did not answer or refused for a reason the donor cannot fix; try again later.</summary>
    /// <summary>Why no page could be made, told to the donor.</summary>
    public sealed record Unavailable(DonorMessage Reason) : CheckoutCreation;
}

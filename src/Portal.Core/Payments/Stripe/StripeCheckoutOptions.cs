using Stripe.Checkout;

namespace Portal.Core.Payments.Stripe;

/// <summary>The Checkout Session for a first gift: payment mode, "donate" button, method saved when the gift recurs.</summary>
internal static class StripeCheckoutOptions
{
    public static SessionCreateOptions For(CheckoutRequest request)
    {
        var metadata = new Dictionary<string, string>(request.Metadata);
        return new SessionCreateOptions
        {
            Mode = "payment",
            SubmitType = "donate",
            Customer = request.ExistingCustomerId,
            CustomerCreation = request.ExistingCustomerId is null ? "always" : null,
            CustomerEmail = request.ExistingCustomerId is null ? request.DonorEmail : null,
            ClientReferenceId = request.SponsorshipId.ToString(),
            Locale = request.Locale,
            Metadata = metadata,
            SuccessUrl = request.SuccessUrl.OriginalString,
            CancelUrl = request.CancelUrl.OriginalString,
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = request.Amount.Currency.Code.ToLowerInvariant(),
                        UnitAmount = request.Amount.Minor,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = request.Description },
                    },
                },
            ],
            PaymentIntentData = new SessionPaymentIntentDataOptions
            {
                Description = request.Description,
                Metadata = metadata,
                SetupFutureUsage = request.SaveForLater ? "off_session" : null,
            },
        };
    }
}

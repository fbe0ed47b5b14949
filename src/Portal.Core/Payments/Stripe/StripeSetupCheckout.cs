using Stripe;
using Stripe.Checkout;

namespace Portal.Core.Payments.Stripe;

/// <summary>Checkout in setup mode for a new payment method, and reading back the SetupIntent it leaves.</summary>
internal static class StripeSetupCheckout
{
    public static SessionCreateOptions For(SetupCheckoutRequest request)
    {
        var metadata = new Dictionary<string, string>(request.Metadata);
        return new SessionCreateOptions
        {
            Mode = "setup",
            Customer = request.CustomerId,
            Currency = request.Currency?.ToLowerInvariant(),
            ClientReferenceId = request.DonorId.ToString(),
            Locale = request.Locale,
            Metadata = metadata,
            SuccessUrl = request.SuccessUrl.OriginalString,
            CancelUrl = request.CancelUrl.OriginalString,
            SetupIntentData = new SessionSetupIntentDataOptions { Description = "New payment method for sponsorships", Metadata = metadata },
        };
    }

    public static SetupLookup Lookup(SetupIntent setup) => new(
        setup.Id,
        setup.Status switch
        {
            "succeeded" => SetupState.Succeeded,
            "canceled" => SetupState.Failed,
            _ => SetupState.Open,
        },
        setup.CustomerId,
        Method(setup.PaymentMethod) ?? (setup.PaymentMethodId is { } id ? new SavedPaymentMethod(id, null, null, null) : null));

    /// <summary>An expanded payment method as the donor knows it; null when it was not expanded.</summary>
    public static SavedPaymentMethod? Method(PaymentMethod? method) => method switch
    {
        null => null,
        { Card: { } card } => new SavedPaymentMethod(
            method.Id,
            SavedPaymentMethod.BrandName(card.Brand ?? "card"),
            card.Last4,
            SavedPaymentMethod.ExpiryOf(card.ExpMonth, card.ExpYear)),
        { SepaDebit: { } sepa } => new SavedPaymentMethod(method.Id, SavedPaymentMethod.BrandName("sepa_debit"), sepa.Last4, null),
        _ => new SavedPaymentMethod(method.Id, SavedPaymentMethod.BrandName(method.Type ?? "other"), null, null),
    };
}

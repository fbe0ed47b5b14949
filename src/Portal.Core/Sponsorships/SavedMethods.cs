using Portal.Core.Payments;

namespace Portal.Core.Sponsorships;

/// <summary>Puts a saved payment method, with what the donor sees of it, on a sponsorship that is charged to it.</summary>
public static class SavedMethods
{
    public static void UseMethod(this Sponsorship sponsorship, SavedPaymentMethod method)
    {
        sponsorship.GatewayPaymentMethodId = method.Id;
        sponsorship.CardBrand = method.Brand;
        sponsorship.CardLast4 = method.Last4;
        sponsorship.CardExpiresOn = method.ExpiresOn;
    }
}

using System.Collections.Frozen;

namespace Portal.FakeStripe;

/// <summary>
/// Why a charge fails: Stripe's error code, decline code and the message it shows the donor.
/// <see cref="RequiresAuthentication"/> (3-D Secure) fails only off-session: no charge is attempted then, and a
/// donor on the hosted page authenticates and pays.
/// </summary>
internal sealed record Decline(string Code, string? DeclineCode, string Message, bool RequiresAuthentication = false)
{
    public bool CreatesCharge => !RequiresAuthentication;
}

/// <summary>Who is there when a PaymentIntent is confirmed; it decides what a 3-D Secure card does.</summary>
internal enum Presence
{
    /// <summary>The donor on Stripe's hosted checkout page: authentication happens there.</summary>
    HostedPage,

    /// <summary>An on-session API confirm: Stripe asks for authentication (<c>requires_action</c>).</summary>
    OnSession,

    /// <summary>An off-session charge (<c>off_session=true</c>): authentication is impossible, so it fails.</summary>
    OffSession,
}

/// <summary>How a payment method behaves when charged: decided by Stripe's test id it stands for.</summary>
internal sealed record PaymentMethodBehavior(string TestId, string Type, string Brand, string Last4, Decline? Decline, bool Async)
{
    public bool IsCard => Type == "card";
}

/// <summary>
/// Stripe's own test payment method ids (https://docs.stripe.com/testing) with the outcome Stripe gives
/// each. Saved payment methods created by a completed checkout inherit the behaviour of the id that completed it.
/// </summary>
public static class TestPaymentMethods
{
    public const string Visa = "pm_card_visa";
    public const string Mastercard = "pm_card_mastercard";
    public const string Declined = "pm_card_chargeDeclined";
    public const string InsufficientFunds = "pm_card_chargeDeclinedInsufficientFunds";
    public const string LostCard = "pm_card_chargeDeclinedLostCard";
    public const string StolenCard = "pm_card_chargeDeclinedStolenCard";
    public const string ExpiredCard = "pm_card_chargeDeclinedExpiredCard";
    public const string ProcessingError = "pm_card_chargeDeclinedProcessingError";
    public const string AuthenticationRequired = "pm_card_authenticationRequired";
    public const string SepaDebit = "pm_sepa_debit";

    private const string DeclinedMessage = "Your card was declined.";

    private static readonly FrozenDictionary<string, PaymentMethodBehavior> Known = new PaymentMethodBehavior[]
    {
        new(Visa, "card", "visa", "4242", null, false),
        new(Mastercard, "card", "mastercard", "4444", null, false),
        Card(Declined, "0002", new("card_declined", "generic_decline", DeclinedMessage)),
        Card(InsufficientFunds, "9995", new("card_declined", "insufficient_funds", "Your card has insufficient funds.")),
        Card(LostCard, "9987", new("card_declined", "lost_card", DeclinedMessage)),
        Card(StolenCard, "9979", new("card_declined", "stolen_card", DeclinedMessage)),
        Card(ExpiredCard, "0069", new("expired_card", "expired_card", "Your card has expired.")),
        Card(ProcessingError, "0119", new("processing_error", "processing_error",
            "An error occurred while processing your card. Try again in a little bit.")),
        // Card 4000 0027 6000 3184: every payment needs 3-D Secure. Paid on the hosted page, fails off-session.
        Card(AuthenticationRequired, "3184", new("authentication_required", "authentication_required",
            "Your card was declined. This transaction requires authentication.", RequiresAuthentication: true)),
        new(SepaDebit, "sepa_debit", "sepa_debit", "3000", null, true),
    }.ToFrozenDictionary(b => b.TestId, StringComparer.Ordinal);

    /// <summary>Every test id the fake knows.</summary>
    public static IReadOnlyCollection<string> All => Known.Keys;

    internal static bool TryGet(string id, out PaymentMethodBehavior behavior) => Known.TryGetValue(id, out behavior!);

    private static PaymentMethodBehavior Card(string id, string last4, Decline decline) => new(id, "card", "visa", last4, decline, false);
}

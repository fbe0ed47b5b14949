using System.Collections.Frozen;

namespace Portal.Core.Payments.Sandbox;

/// <summary>
/// Stripe's test card numbers and test IBANs, and what the sandbox does with each. Anything else is refused, so a
/// real card number typed into the sandbox by mistake is never accepted (and never stored).
/// </summary>
public static class SandboxCards
{
    private static readonly FrozenDictionary<string, SandboxMethod> Methods = new Dictionary<string, SandboxMethod>
    {
        ["4242424242424242"] = new("Visa", SandboxBehaviour.Succeed),
        ["5555555555554444"] = new("Mastercard", SandboxBehaviour.Succeed),
        ["4000056655665556"] = new("Visa", SandboxBehaviour.Succeed) { ExpiresThisMonth = true },
        ["4000002500003155"] = new("Visa", SandboxBehaviour.AuthenticateOnce),
        ["4000002760003184"] = new("Visa", SandboxBehaviour.AuthenticateAlways),
        ["4000000000000002"] = new("Visa", SandboxBehaviour.Decline, "card_declined", "generic_decline", "Your card was declined."),
        ["4000000000009995"] = new("Visa", SandboxBehaviour.Decline, "card_declined", "insufficient_funds", "Your card has insufficient funds."),
        ["4000000000009987"] = new("Visa", SandboxBehaviour.Decline, "card_declined", "lost_card", "Your card was declined."),
        ["4000000000009979"] = new("Visa", SandboxBehaviour.Decline, "card_declined", "stolen_card", "Your card was declined."),
        ["4000000000000069"] = new("Visa", SandboxBehaviour.Decline, "expired_card", "expired_card", "Your card has expired."),
        ["4000000000000127"] = new("Visa", SandboxBehaviour.Decline, "incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
        ["4000000000000119"] = new(
            "Visa",
            SandboxBehaviour.Decline,
            "processing_error",
            "processing_error",
            "An error occurred while processing your card. Try again in a little bit."),
        ["4000000000000341"] = new(
            "Visa",
            SandboxBehaviour.SucceedThenDeclineOffSession,
            "card_declined",
            "generic_decline",
            "Your card was declined."),
        ["DE89370400440532013000"] = new("SEPA Direct Debit", SandboxBehaviour.SepaSettles),
        ["DE62370400440532013001"] = new(
            "SEPA Direct Debit",
            SandboxBehaviour.SepaFails,
            "debit_not_authorized",
            "debit_not_authorized",
            "The customer's bank returned the debit."),
    }.ToFrozenDictionary();

    public static SandboxMethod? Find(string? number) =>
        number is null ? null : Methods.GetValueOrDefault(Normalize(number));

    /// <summary>The sandbox's card fingerprint: the same for the same number, and not the number.</summary>
    public static string Fingerprint(string number) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Normalize(number))), 0, 8);

    public static string Normalize(string number) =>
        new(number.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary>
    /// The saved method as the sandbox's pretend bank reports it. The sandbox keeps no typed expiry date, so the card
    /// decides: 4000 0566 5566 5556 expires at the end of the current month (to try the expiry reminder), every other
    /// card at the end of the year three years on.
    /// </summary>
    public static SavedPaymentMethod? Describe(string? paymentMethodId, string? number, DateOnly today)
    {
        var method = Find(number);
        if (paymentMethodId is null || method is null)
        {
            return null;
        }

        var normalized = Normalize(number!);
        var expires = method.IsSepa ? (DateOnly?)null
            : method.ExpiresThisMonth ? SavedPaymentMethod.ExpiryOf(today.Month, today.Year)
            : SavedPaymentMethod.ExpiryOf(12, today.Year + 3);
        return new SavedPaymentMethod(paymentMethodId, method.Brand, normalized[^4..], expires);
    }
}

/// <param name="Code">The error code Stripe would give (<c>card_declined</c>, <c>expired_card</c>).</param>
/// <param name="DeclineCode">The decline code Stripe would give (<c>insufficient_funds</c>).</param>
public sealed record SandboxMethod(string Brand, SandboxBehaviour Behaviour, string? Code = null, string? DeclineCode = null, string? Message = null)
{
    /// <summary>The pretend bank reports the card as expiring at the end of the current month.</summary>
    public bool ExpiresThisMonth { get; init; }

    public bool IsSepa => Behaviour is SandboxBehaviour.SepaSettles or SandboxBehaviour.SepaFails;
}

public enum SandboxBehaviour
{
    Succeed,
    /// <summary>Asks for 3-D Secure at checkout, then charges off-session without asking again.</summary>
    AuthenticateOnce,
    /// <summary>Asks for 3-D Secure every time, so every off-session charge needs the donor.</summary>
    AuthenticateAlways,
    Decline,
    /// <summary>Pays at checkout, but every later off-session charge is declined.</summary>
    SucceedThenDeclineOffSession,
    SepaSettles,
    SepaFails,
}

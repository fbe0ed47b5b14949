using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments.Events;

namespace Portal.Core.Payments.Sandbox;

/// <summary>What the sandbox's hosted checkout page does when the donor pays, authenticates or gives up.</summary>
public sealed class SandboxCheckout(IDbContextFactory<PortalDbContext> contexts, SandboxPayments payments, IBackgroundWork work)
{
    public async Task<SandboxPayment?> FindAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payment = await db.SandboxPayments.AsNoTracking().SingleOrDefaultAsync(p => p.CheckoutSessionId == sessionId, cancellationToken);
        return payment is not null && SandboxSetup.IsSetup(payment) ? null : payment;
    }

    /// <param name="number">A card number or an IBAN: only Stripe's test numbers are accepted.</param>
    public async Task<SandboxPayResult> PayAsync(string sessionId, string number, string? expiry, string? cvc, CancellationToken cancellationToken)
    {
        var method = SandboxCards.Find(number);
        if (method is null)
        {
            return new SandboxPayResult.Invalid(
                "number",
                "The sandbox takes only test numbers, such as 4242 4242 4242 4242. No real card or account is ever charged here.");
        }

        if (!method.IsSepa && Problem(expiry, cvc, payments.Now) is { } problem)
        {
            return problem;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payment = await db.SandboxPayments.SingleOrDefaultAsync(p => p.CheckoutSessionId == sessionId, cancellationToken);
        if (payment is null || payment.Status != SandboxPaymentStatus.Open || SandboxSetup.IsSetup(payment))
        {
            return Closed(payment);
        }

        if (method.IsSepa && payment.Currency != "EUR")
        {
            return new SandboxPayResult.Invalid("number", "SEPA Direct Debit takes euros only; pay by card, or choose euros on the sponsor form.");
        }

        payment.PaymentMethodNumber = SandboxCards.Normalize(number);
        payment.PaymentMethodId ??= SandboxIds.New("pm");
        switch (method.Behaviour)
        {
            case SandboxBehaviour.Succeed or SandboxBehaviour.SucceedThenDeclineOffSession:
                payments.Succeed(payment);
                await payments.CommitAsync(db, [.. SandboxEvents.CheckoutPaid(payment, payments.Now)], cancellationToken);
                return new SandboxPayResult.Paid(new Uri(payment.SuccessUrl!));
            case SandboxBehaviour.AuthenticateOnce or SandboxBehaviour.AuthenticateAlways:
                payment.Status = SandboxPaymentStatus.RequiresAction;
                await db.SaveChangesAsync(cancellationToken);
                return new SandboxPayResult.NeedsAuthentication();
            case SandboxBehaviour.SepaSettles or SandboxBehaviour.SepaFails:
                payment.Status = SandboxPaymentStatus.Processing;
                var started = new[]
                {
                    SandboxEvents.Session(GatewayEventTypes.CheckoutSessionCompleted, payment, payments.Now),
                    SandboxEvents.PaymentIntent(GatewayEventTypes.PaymentIntentProcessing, payment, payments.Now),
                };
                await payments.CommitAsync(db, started, cancellationToken);
                work.SettleSandboxPayment(payment.Id, payments.SettleAfter);
                return new SandboxPayResult.Paid(new Uri(payment.SuccessUrl!));
            default:
                return await DeclineAsync(
                    db,
                    payment,
                    method.DeclineCode ?? method.Code ?? "card_declined",
                    method.Message ?? "Your card was declined.",
                    cancellationToken);
        }
    }

    /// <summary>The donor's answer to the pretend bank's 3-D Secure challenge.</summary>
    public async Task<SandboxPayResult> AuthenticateAsync(string sessionId, bool approved, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payment = await db.SandboxPayments.SingleOrDefaultAsync(p => p.CheckoutSessionId == sessionId, cancellationToken);
        if (payment is null || payment.Status != SandboxPaymentStatus.RequiresAction)
        {
            return Closed(payment);
        }

        if (!approved)
        {
            return await DeclineAsync(
                db,
                payment,
                "payment_intent_authentication_failure",
                "We could not confirm the payment with your bank. Try again or use another card.",
                cancellationToken);
        }

        payments.Succeed(payment);
        await payments.CommitAsync(db, [.. SandboxEvents.CheckoutPaid(payment, payments.Now)], cancellationToken);
        return new SandboxPayResult.Paid(new Uri(payment.SuccessUrl!));
    }

    private async Task<SandboxPayResult> DeclineAsync(
        PortalDbContext db,
        SandboxPayment payment,
        string code,
        string message,
        CancellationToken cancellationToken)
    {
        // Like Stripe Checkout: the attempt fails, the event says so, and the page stays open for another card.
        SandboxPayments.Decline(payment, code, message);
        var failed = SandboxEvents.PaymentIntent(GatewayEventTypes.PaymentIntentPaymentFailed, payment, payments.Now);
        payment.Status = SandboxPaymentStatus.Open;
        await payments.CommitAsync(db, [failed], cancellationToken);
        return new SandboxPayResult.Declined(message);
    }

    private static SandboxPayResult Closed(SandboxPayment? payment) =>
        payment?.Status is SandboxPaymentStatus.Succeeded or SandboxPaymentStatus.Processing
            ? new SandboxPayResult.Paid(new Uri(payment.SuccessUrl!))
            : new SandboxPayResult.Invalid("", "This checkout is no longer open.");

    internal static SandboxPayResult.Invalid? Problem(string? expiry, string? cvc, DateTime now)
    {
        var parts = (expiry ?? "").Replace(" ", "", StringComparison.Ordinal).Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return new SandboxPayResult.Invalid("expiry", "Enter the expiry date as MM/YY.");
        }

        year += year < 100 ? 2000 : 0;
        if (new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1) <= now)
        {
            return new SandboxPayResult.Invalid("expiry", "This card has expired.");
        }

        return cvc is { Length: 3 or 4 } && cvc.All(char.IsAsciiDigit)
            ? null
            : new SandboxPayResult.Invalid("cvc", "Enter the 3 or 4 digits of the security code.");
    }
}

public abstract record SandboxPayResult
{
    private SandboxPayResult()
    {
    }

    public sealed record Paid(Uri ReturnUrl) : SandboxPayResult;

    public sealed record NeedsAuthentication : SandboxPayResult;

    public sealed record Declined(string Message) : SandboxPayResult;

    public sealed record Invalid(string Field, string Message) : SandboxPayResult;
}

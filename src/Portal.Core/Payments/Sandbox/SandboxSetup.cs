using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Payments.Sandbox;

/// <summary>
/// The sandbox's setup-mode checkout: the donor saves a new test card or IBAN, no money moves. A setup is kept as a
/// sandbox payment row whose id is a "seti_sandbox_..." SetupIntent (amount 0, no charge), so the saved method is
/// found by later off-session charges like any other.
/// </summary>
public sealed class SandboxSetup(IDbContextFactory<PortalDbContext> contexts, SandboxPayments payments)
{
    public const string Description = "Save a payment method for your sponsorships";

    public static SandboxPayment NewSession(SetupCheckoutRequest request, DateTime now)
    {
        var sessionId = SandboxIds.New("cs");
        return new SandboxPayment
        {
            Id = SandboxIds.New("seti"),
            CheckoutSessionId = sessionId,
            IdempotencyKey = request.IdempotencyKey,
            DonorId = request.DonorId,
            Currency = (request.Currency ?? "EUR").ToUpperInvariant(),
            Description = Description,
            DonorEmail = request.DonorEmail,
            CustomerId = request.CustomerId,
            SaveForLater = true,
            SuccessUrl = request.SuccessUrl.OriginalString.Replace(CheckoutRequest.SessionIdPlaceholder, sessionId, StringComparison.Ordinal),
            CancelUrl = request.CancelUrl.OriginalString,
            Locale = request.Locale,
            Status = SandboxPaymentStatus.Open,
            CreatedAt = now,
        };
    }

    public static bool IsSetup(SandboxPayment payment) => payment.Id.StartsWith("seti_", StringComparison.Ordinal);

    public async Task<SandboxPayment?> FindAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var setup = await db.SandboxPayments.AsNoTracking().SingleOrDefaultAsync(p => p.CheckoutSessionId == sessionId, cancellationToken);
        return setup is not null && IsSetup(setup) ? setup : null;
    }

    /// <summary>Saves the method; every test number sets up (one that declines charges declines them later).</summary>
    public async Task<SandboxPayResult> SaveAsync(string sessionId, string number, string? expiry, string? cvc, CancellationToken cancellationToken)
    {
        var method = SandboxCards.Find(number);
        if (method is null)
        {
            return new SandboxPayResult.Invalid(
                "number",
                "The sandbox takes only test numbers, such as 4242 4242 4242 4242. No real card or account is ever charged here.");
        }

        if (!method.IsSepa && SandboxCheckout.Problem(expiry, cvc, payments.Now) is { } problem)
        {
            return problem;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var setup = await db.SandboxPayments.SingleOrDefaultAsync(p => p.CheckoutSessionId == sessionId, cancellationToken);
        if (setup is null || !IsSetup(setup) || setup.Status != SandboxPaymentStatus.Open)
        {
            return setup?.Status == SandboxPaymentStatus.Succeeded
                ? new SandboxPayResult.Paid(new Uri(setup.SuccessUrl!))
                : new SandboxPayResult.Invalid("", "This page is no longer open.");
        }

        setup.PaymentMethodNumber = SandboxCards.Normalize(number);
        setup.PaymentMethodId = SandboxIds.New("pm");
        setup.Status = SandboxPaymentStatus.Succeeded;
        setup.CompletedAt = payments.Now;
        await payments.CommitAsync(db, [SandboxEvents.SetupCompleted(setup, payments.Now)], cancellationToken);
        return new SandboxPayResult.Paid(new Uri(setup.SuccessUrl!));
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Languages;
using Portal.Core.Payments.Events;
using Portal.Core.Shared;

namespace Portal.Core.Payments.Sandbox;

/// <summary>
/// The local payment sandbox of the embedded default. It keeps its own records in its own unit of work, as an outside
/// provider would, and answers through the same boundary as Stripe. No money moves.
/// </summary>
public sealed partial class SandboxGateway(IDbContextFactory<PortalDbContext> contexts, PublicUrls urls, SandboxPayments payments) :
    IPaymentGateway,
    IGatewayFinance
{
    public string Name => SandboxNames.Gateway;

    public async Task<CheckoutCreation> CreateCheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = $"checkout:{request.ChargeId}";
        var payment = await db.SandboxPayments.SingleOrDefaultAsync(p => p.IdempotencyKey == key, cancellationToken);
        if (payment is null)
        {
            var sessionId = SandboxIds.New("cs");
            payment = new SandboxPayment
            {
                Id = SandboxIds.New("pi"),
                CheckoutSessionId = sessionId,
                IdempotencyKey = key,
                ChargeId = request.ChargeId,
                Attempt = request.Attempt,
                SponsorshipId = request.SponsorshipId,
                DonorId = request.DonorId,
                FundId = request.FundId,
                AmountMinor = request.Amount.Minor,
                Currency = request.Amount.Currency.Code,
                Description = request.Description,
                DonorEmail = request.DonorEmail,
                CustomerId = request.ExistingCustomerId ?? SandboxIds.New("cus"),
                SaveForLater = request.SaveForLater,
                SuccessUrl = request.SuccessUrl.OriginalString.Replace(CheckoutRequest.SessionIdPlaceholder, sessionId, StringComparison.Ordinal),
                CancelUrl = request.CancelUrl.OriginalString,
                Locale = request.Locale,
                Status = SandboxPaymentStatus.Open,
                CreatedAt = payments.Now,
            };
            db.SandboxPayments.Add(payment);
            await db.SaveChangesAsync(cancellationToken);
        }

        return new CheckoutCreation.Created(payment.CheckoutSessionId!, urls.To($"sandbox/checkout/{payment.CheckoutSessionId}"));
    }

    public async Task<PaymentLookup> GetPaymentAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payment = await db.SandboxPayments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentIntentId, cancellationToken);
        if (payment is null)
        {
            return new PaymentLookup(paymentIntentId, PaymentState.Unknown, default, null, null, null, false, null, "No such sandbox payment.");
        }

        var currency = Shared.Currency.Of(payment.Currency);
        var state = payment.Status switch
        {
            SandboxPaymentStatus.Succeeded => PaymentState.Succeeded,
            SandboxPaymentStatus.Processing => PaymentState.Processing,
            SandboxPaymentStatus.Failed or SandboxPaymentStatus.Expired => PaymentState.Failed,
            _ => PaymentState.Open,
        };
        return new PaymentLookup(
            payment.Id,
            state,
            new Money(payment.AmountMinor, currency),
            payment.CustomerId,
            payment.PaymentMethodId,
            payment.FeeMinor is { } fee ? new Money(fee, currency) : null,
            false,
            payment.DeclineCode,
            payment.FailureMessage)
        {
            Method = SandboxCards.Describe(payment.PaymentMethodId, payment.PaymentMethodNumber, DateOnly.FromDateTime(payments.Now)),
        };
    }

    public Task<OffSessionChargeResult> ChargeSavedMethodAsync(OffSessionChargeRequest request, CancellationToken cancellationToken) =>
        payments.ChargeSavedMethodAsync(request, cancellationToken);

    public async Task<PaymentLookup?> FindOffSessionChargeAsync(OffSessionChargeRequest request, CancellationToken cancellationToken)
    {
        string? id;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            id = await db.SandboxPayments.Where(p => p.IdempotencyKey == request.IdempotencyKey).Select(p => p.Id)
                .SingleOrDefaultAsync(cancellationToken);
        }

        return id is null ? null : await GetPaymentAsync(id, cancellationToken);
    }

    public async Task<CheckoutCreation> CreateSetupCheckoutAsync(SetupCheckoutRequest request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payment = await db.SandboxPayments.SingleOrDefaultAsync(p => p.IdempotencyKey == request.IdempotencyKey, cancellationToken);
        if (payment is null)
        {
            payment = SandboxSetup.NewSession(request, payments.Now);
            db.SandboxPayments.Add(payment);
            await db.SaveChangesAsync(cancellationToken);
        }

        return payment.Status == SandboxPaymentStatus.Open
            ? new CheckoutCreation.Created(payment.CheckoutSessionId!, urls.To($"sandbox/setup/{payment.CheckoutSessionId}"))
            : new CheckoutCreation.Unavailable(new DonorMessage("This card update was already completed. Please reload the page in a minute."));
    }

    public async Task<SetupLookup> GetSetupAsync(string setupIntentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var setup = await db.SandboxPayments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == setupIntentId, cancellationToken);
        if (setup is null)
        {
            return new SetupLookup(setupIntentId, SetupState.Unknown, null, null);
        }

        var state = setup.Status == SandboxPaymentStatus.Succeeded ? SetupState.Succeeded : SetupState.Open;
        return new SetupLookup(
            setup.Id,
            state,
            setup.CustomerId,
            SandboxCards.Describe(setup.PaymentMethodId, setup.PaymentMethodNumber, DateOnly.FromDateTime(payments.Now)));
    }

    /// <summary>The sandbox keeps its customer only on its payments: their address goes; the payments stay, as Stripe's would.</summary>
    public async Task<CustomerDeletion> DeleteCustomerAsync(string customerId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.SandboxPayments.Where(p => p.CustomerId == customerId)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.DonorEmail, "erased@example.invalid"), cancellationToken);
        return new CustomerDeletion.Deleted();
    }

    /// <summary>The status Stripe would report for a payment intent in this state.</summary>
    public static string StripeStatus(SandboxPaymentStatus status) => status switch
    {
        SandboxPaymentStatus.Succeeded => "succeeded",
        SandboxPaymentStatus.Processing => "processing",
        SandboxPaymentStatus.RequiresAction => "requires_action",
        SandboxPaymentStatus.Expired => "canceled",
        _ => "requires_payment_method",
    };

    internal static string EventTypeFor(SandboxPaymentStatus status) => status switch
    {
        SandboxPaymentStatus.Succeeded => GatewayEventTypes.PaymentIntentSucceeded,
        SandboxPaymentStatus.Processing => GatewayEventTypes.PaymentIntentProcessing,
        _ => GatewayEventTypes.PaymentIntentPaymentFailed,
    };
}

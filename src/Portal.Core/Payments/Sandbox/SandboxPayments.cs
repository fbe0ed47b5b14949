using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments.Events;
using Portal.Core.Shared;

namespace Portal.Core.Payments.Sandbox;

/// <summary>
/// The sandbox's payment processing: it moves a sandbox payment on, writes the events Stripe would send into the
/// inbox in the same transaction, and asks the job system to apply them.
/// </summary>
public sealed class SandboxPayments(
    IDbContextFactory<PortalDbContext> contexts,
    CurrencyRules currencies,
    IBackgroundWork work,
    TimeProvider clock,
    IOptions<PaymentsOptions> options)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<OffSessionChargeResult> ChargeSavedMethodAsync(OffSessionChargeRequest request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var earlier = await db.SandboxPayments.AsNoTracking()
            .SingleOrDefaultAsync(p => p.IdempotencyKey == request.IdempotencyKey, cancellationToken);
        if (earlier is not null)
        {
            return Result(earlier, SandboxCards.Find(earlier.PaymentMethodNumber));
        }

        var number = await db.SandboxPayments
            .Where(p => p.PaymentMethodId == request.PaymentMethodId && p.CustomerId == request.CustomerId && p.PaymentMethodNumber != null)
            .Select(p => p.PaymentMethodNumber).FirstOrDefaultAsync(cancellationToken);
        var method = SandboxCards.Find(number);
        if (method is null)
        {
            return new OffSessionChargeResult.Declined(null, "resource_missing", "No such payment method for this customer.", DeclineKind.Hard);
        }

        var payment = NewOffSessionPayment(request, number!);
        switch (method.Behaviour)
        {
            case SandboxBehaviour.Succeed or SandboxBehaviour.AuthenticateOnce:
                Succeed(payment);
                break;
            case SandboxBehaviour.SepaSettles or SandboxBehaviour.SepaFails:
                payment.Status = SandboxPaymentStatus.Processing;
                break;
            case SandboxBehaviour.AuthenticateAlways:
                Decline(payment, DeclineCodes.AuthenticationRequired, "This payment requires the donor to authenticate with their bank.");
                break;
            default:
                Decline(payment, method.DeclineCode ?? method.Code ?? "card_declined", method.Message ?? "Your card was declined.");
                break;
        }

        db.SandboxPayments.Add(payment);
        await CommitAsync(db, [SandboxEvents.PaymentIntent(SandboxGateway.EventTypeFor(payment.Status), payment, Now)], cancellationToken);
        if (payment.Status == SandboxPaymentStatus.Processing)
        {
            work.SettleSandboxPayment(payment.Id, SettleAfter);
        }

        return Result(payment, method);
    }

    /// <summary>The bank's answer to a SEPA debit, some time after it was made: settled or returned.</summary>
    public async Task SettleAsync(string paymentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var payment = await db.SandboxPayments.SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is not { Status: SandboxPaymentStatus.Processing })
        {
            return;
        }

        var settles = SandboxCards.Find(payment.PaymentMethodNumber)?.Behaviour == SandboxBehaviour.SepaSettles;
        if (settles)
        {
            Succeed(payment);
        }
        else
        {
            Decline(payment, "debit_not_authorized", "The donor's bank returned the debit.");
            payment.Status = SandboxPaymentStatus.Failed;
        }

        var events = new List<GatewayEvent>();
        if (payment.CheckoutSessionId is not null)
        {
            var sessionType = settles ? GatewayEventTypes.CheckoutSessionAsyncPaymentSucceeded : GatewayEventTypes.CheckoutSessionAsyncPaymentFailed;
            events.Add(SandboxEvents.Session(sessionType, payment, Now));
        }

        events.Add(SandboxEvents.PaymentIntent(SandboxGateway.EventTypeFor(payment.Status), payment, Now));
        await CommitAsync(db, events, cancellationToken);
    }

    public TimeSpan SettleAfter => TimeSpan.FromSeconds(options.Value.SandboxSepaSettleSeconds);

    internal void Succeed(SandboxPayment payment)
    {
        payment.Status = SandboxPaymentStatus.Succeeded;
        payment.CompletedAt = Now;
        payment.DeclineCode = null;
        payment.FailureMessage = null;
        payment.FeeMinor = currencies.EstimatedFee(new Money(payment.AmountMinor, Shared.Currency.Of(payment.Currency))).Minor;
    }

    internal static void Decline(SandboxPayment payment, string code, string message)
    {
        payment.Status = SandboxPaymentStatus.Failed;
        payment.DeclineCode = code;
        payment.FailureMessage = message;
    }

    /// <summary>Saves the payment's change and its events together, then wakes the event appliers.</summary>
    internal async Task CommitAsync(PortalDbContext db, IReadOnlyList<GatewayEvent> events, CancellationToken cancellationToken)
    {
        db.GatewayEvents.AddRange(events);
        await db.SaveChangesAsync(cancellationToken);
        work.ApplyGatewayEvents();
    }

    private SandboxPayment NewOffSessionPayment(OffSessionChargeRequest request, string number) => new()
    {
        Id = SandboxIds.New("pi"),
        IdempotencyKey = request.IdempotencyKey,
        ChargeId = request.ChargeId,
        Attempt = request.Attempt,
        SponsorshipId = request.SponsorshipId,
        DonorId = request.DonorId,
        FundId = request.FundId,
        AmountMinor = request.Amount.Minor,
        Currency = request.Amount.Currency.Code,
        Description = request.Description,
        DonorEmail = "",
        CustomerId = request.CustomerId,
        PaymentMethodId = request.PaymentMethodId,
        PaymentMethodNumber = number,
        CreatedAt = Now,
    };

    private static OffSessionChargeResult Result(SandboxPayment payment, SandboxMethod? method) => payment.Status switch
    {
        SandboxPaymentStatus.Succeeded => new OffSessionChargeResult.Succeeded(payment.Id),
        SandboxPaymentStatus.Processing => new OffSessionChargeResult.Processing(payment.Id),
        _ when payment.DeclineCode == DeclineCodes
            .AuthenticationRequired => new OffSessionChargeResult.AuthenticationRequired(payment.Id, payment.FailureMessage ?? ""),
        _ => new OffSessionChargeResult.Declined(
            payment.Id,
            payment.DeclineCode ?? method?.DeclineCode ?? "card_declined",
            payment.FailureMessage ?? "",
            DeclineCodes.Classify(payment.DeclineCode)),
    };
}

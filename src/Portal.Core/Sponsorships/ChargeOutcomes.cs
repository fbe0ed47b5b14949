using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Payments;
using Portal.Core.Payments.Events;

namespace Portal.Core.Sponsorships;

/// <summary>
/// Moves a charge to what a gateway event says, only forwards: whatever the order and number of deliveries, a charge
/// succeeds once, posts to the ledger once and queues one receipt. The caller saves the unit of work.
/// </summary>
public sealed class ChargeOutcomes(PortalDbContext db, Journal journal, CharityCalendar calendar, CurrencyRules currencies)
{
    /// <param name="gateway">The gateway that sent the event: a charge is only moved by its own gateway's events.</param>
    /// <param name="lookup">What the gateway knows of a payment that succeeded (fee, saved method), read beforehand.</param>
    public async Task<OutcomeResult> ApplyAsync(PaymentEvent paymentEvent, string gateway, PaymentLookup? lookup, CancellationToken cancellationToken)
    {
        var charge = await db.Charges.FindAsync([paymentEvent.ChargeId], cancellationToken);
        if (charge is null || charge.Gateway != gateway)
        {
            return OutcomeResult.Unmatched($"No charge {paymentEvent.ChargeId} at gateway {gateway}.");
        }

        if (paymentEvent.CheckoutSessionId is not null && charge.CheckoutSessionId is not null && paymentEvent.CheckoutSessionId != charge.CheckoutSessionId)
        {
            return OutcomeResult.Unmatched($"Charge {charge.Id} belongs to checkout {charge.CheckoutSessionId}, not {paymentEvent.CheckoutSessionId}.");
        }

        var sponsorship = await db.Sponsorships.SingleAsync(s => s.Id == charge.SponsorshipId, cancellationToken);
        charge.PaymentIntentId ??= paymentEvent.PaymentIntentId;
        switch (paymentEvent.Kind)
        {
            case PaymentEventKind.Succeeded:
                return await SucceedAsync(charge, sponsorship, paymentEvent, lookup, cancellationToken);
            case PaymentEventKind.Processing when charge.Status is ChargeStatus.Scheduled or ChargeStatus.InFlight:
                charge.Status = ChargeStatus.Processing;
                break;
            case PaymentEventKind.Failed:
                Fail(charge, sponsorship, paymentEvent);
                break;
            case PaymentEventKind.AttemptFailed:
                // On an open checkout page a declined card is one try: the donor may use another. Elsewhere it is final.
                var checkoutStillOpen = charge.CheckoutSessionId is not null && charge.Status == ChargeStatus.InFlight;
                if (checkoutStillOpen)
                {
                    RecordDecline(charge, paymentEvent);
                }
                else
                {
                    Fail(charge, sponsorship, paymentEvent);
                }

                break;
        }

        return OutcomeResult.Applied;
    }

    private async Task<OutcomeResult> SucceedAsync(Charge charge, Sponsorship sponsorship, PaymentEvent paymentEvent, PaymentLookup? lookup, CancellationToken cancellationToken)
    {
        if (charge.Status is ChargeStatus.Succeeded or ChargeStatus.Refunded or ChargeStatus.Disputed)
        {
            return OutcomeResult.Applied;
        }

        // The event says it is paid; the gateway's lookup adds what the event may lack: the fee, the saved method.
        var now = calendar.UtcNow;
        var fee = lookup?.Fee is { } known && known.Currency == charge.Amount.Currency ? known : currencies.EstimatedFee(charge.Amount);
        charge.Status = ChargeStatus.Succeeded;
        charge.SucceededAt = now;
        charge.FeeMinor = fee.Minor;
        charge.FeeIsEstimate = lookup?.Fee is null || lookup.FeeIsEstimate;
        charge.DeclineCode = null;
        charge.FailureMessage = null;

        var fund = await db.Funds.SingleAsync(f => f.Id == sponsorship.FundId, cancellationToken);
        var donor = await db.Donors.SingleAsync(d => d.Id == sponsorship.DonorId, cancellationToken);
        await ActivateAsync(charge, sponsorship, donor, lookup?.CustomerId ?? paymentEvent.CustomerId, lookup?.PaymentMethodId, now, cancellationToken, lookup?.Method);
        var description = $"Gift from {donor.Name} to {fund.Name}";
        var entry = await journal.PostAsync(ChargePostings.Succeeded(charge, fund, fee, calendar.DateOf(now), description), cancellationToken);
        return OutcomeResult.Paid(new PaidCharge(charge, sponsorship, fund, donor, entry));
    }

    /// <param name="method">The payment's method with its card details, when the gateway gave them.</param>
    private async Task ActivateAsync(Charge charge, Sponsorship sponsorship, Donor donor, string? customerId, string? paymentMethodId, DateTime now, CancellationToken cancellationToken, SavedPaymentMethod? method = null)
    {
        if (sponsorship.Status is SponsorshipStatus.Pending or SponsorshipStatus.Failed)
        {
            sponsorship.Status = sponsorship.Recurs ? SponsorshipStatus.Active : SponsorshipStatus.Completed;
            sponsorship.StartedAt ??= now;
            sponsorship.EndedAt = sponsorship.Recurs ? null : now;
            if (sponsorship.Recurs)
            {
                // The first gift paid the period it was made in; the run charges from the next one.
                sponsorship.NextPeriodStart ??= ChargeSchedule.Next(charge.PeriodStart, sponsorship.Interval, sponsorship.ChargeDay);
            }
        }

        if (sponsorship.Recurs && paymentMethodId is not null)
        {
            sponsorship.GatewayPaymentMethodId = paymentMethodId;
            if (method?.Id == paymentMethodId)
            {
                sponsorship.UseMethod(method!);
            }
        }

        sponsorship.GatewayCustomerId ??= customerId;
        if (sponsorship.ConsentToUpdates)
        {
            donor.UpdatesConsentedAt ??= now;
        }

        if (customerId is not null)
        {
            await RememberCustomerAsync(donor.Id, sponsorship.Gateway, customerId, now, cancellationToken);
        }
    }

    private async Task RememberCustomerAsync(Guid donorId, string gateway, string customerId, DateTime now, CancellationToken cancellationToken)
    {
        var known = db.DonorGatewayCustomers.Local.Any(c => c.DonorId == donorId && c.Gateway == gateway)
            || await db.DonorGatewayCustomers.AnyAsync(c => c.DonorId == donorId && c.Gateway == gateway, cancellationToken);
        if (!known)
        {
            db.DonorGatewayCustomers.Add(new DonorGatewayCustomer { DonorId = donorId, Gateway = gateway, CustomerId = customerId, CreatedAt = now });
        }
    }

    private void Fail(Charge charge, Sponsorship sponsorship, PaymentEvent paymentEvent)
    {
        if (charge.Status == ChargeStatus.Failed)
        {
            // The session's failure event has no reason; the payment's, arriving before or after, has it.
            charge.DeclineCode ??= paymentEvent.DeclineCode;
            charge.FailureMessage ??= paymentEvent.FailureMessage;
            return;
        }

        if (charge.Status is not (ChargeStatus.Scheduled or ChargeStatus.InFlight or ChargeStatus.Processing))
        {
            return;
        }

        RecordDecline(charge, paymentEvent);
        charge.Status = ChargeStatus.Failed;
        charge.FailedAt = calendar.UtcNow;
        if (sponsorship.Status == SponsorshipStatus.Pending)
        {
            // The first payment never arrived: nothing was promised, so the sponsorship ends here.
            sponsorship.Status = SponsorshipStatus.Failed;
            sponsorship.EndedAt = calendar.UtcNow;
        }
    }

    private static void RecordDecline(Charge charge, PaymentEvent paymentEvent)
    {
        charge.DeclineCode = paymentEvent.DeclineCode ?? charge.DeclineCode;
        charge.FailureMessage = paymentEvent.FailureMessage ?? charge.FailureMessage;
    }
}

/// <summary>What applying an event did. <see cref="Receipt"/> is set when the charge was paid just now.</summary>
public sealed record OutcomeResult(bool Matched, string? Note, PaidCharge? Receipt = null)
{
    public static OutcomeResult Applied { get; } = new(true, null);

    public static OutcomeResult Unmatched(string note) => new(false, note);

    public static OutcomeResult Paid(PaidCharge paid) => new(true, null, paid);
}

/// <summary>A charge that has just been paid, with what its receipt needs once the ledger entry is saved.</summary>
public sealed record PaidCharge(Charge Charge, Sponsorship Sponsorship, Fund Fund, Donor Donor, JournalEntry Entry);

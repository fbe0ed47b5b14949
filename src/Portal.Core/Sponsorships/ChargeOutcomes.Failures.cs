using Microsoft.EntityFrameworkCore;
using Portal.Core.Ledger;
using Portal.Core.Payments;
using Portal.Core.Payments.Events;
using Portal.Core.Sponsorships.Dunning;

namespace Portal.Core.Sponsorships;

/// <summary>The failed side of <see cref="ChargeOutcomes"/>: declines, failed sessions and reversed payments.</summary>
public sealed partial class ChargeOutcomes
{
    private async Task FailAsync(
        Charge charge,
        Sponsorship sponsorship,
        PaymentEvent paymentEvent,
        PaymentLookup? lookup,
        CancellationToken cancellationToken)
    {
        if (charge.RunId is null)
        {
            Fail(charge, sponsorship, paymentEvent);
            return;
        }

        var code = paymentEvent.DeclineCode ?? lookup?.DeclineCode ?? "payment_failed";
        var message = paymentEvent.FailureMessage ?? lookup?.FailureMessage;
        if (charge.Status == ChargeStatus.Succeeded)
        {
            // A debit that had settled came back (a SEPA return). Events arrive in any order, so only the gateway's
            // current word that the payment failed reverses the gift.
            if (lookup?.State == PaymentState.Failed && (lookup.PaymentIntentId == charge.PaymentIntentId))
            {
                await ReverseAsync(charge, sponsorship, code, message, cancellationToken);
            }

            return;
        }

        if (charge.Status is not (ChargeStatus.Scheduled or ChargeStatus.InFlight or ChargeStatus.Processing))
        {
            return;
        }

        var (fund, donor) = await PartiesAsync(charge, sponsorship, cancellationToken);
        if (code == DeclineCodes.AuthenticationRequired)
        {
            await dunning.ActionRequiredAsync(charge, sponsorship, donor, fund, message, cancellationToken);
        }
        else
        {
            await dunning.DeclinedAsync(charge, sponsorship, donor, fund, code, message, DeclineCodes.Classify(code), cancellationToken);
        }
    }

    /// <summary>Takes back a gift that was recorded as paid: the reversing entry in the same fund, then the decline path.</summary>
    private async Task ReverseAsync(Charge charge, Sponsorship sponsorship, string code, string? message, CancellationToken cancellationToken)
    {
        var (fund, donor) = await PartiesAsync(charge, sponsorship, cancellationToken);
        var succeededKey = ChargePostings.SucceededKey(charge.Id);
        var original = await db.JournalEntries.Include(e => e.Lines).ThenInclude(l => l.Account)
            .SingleOrDefaultAsync(e => e.IdempotencyKey == succeededKey, cancellationToken);
        if (original is not null)
        {
            await journal.PostAsync(
                ChargePostings.Reversal(original, charge, fund, calendar.Today, $"Returned: {original.Description} ({code})"),
                cancellationToken);
        }

        charge.ReversedAt = calendar.UtcNow;
        dunning.Record(charge, ChargeAttemptOutcome.Returned, code, message);
        await dunning.DeclinedAsync(charge, sponsorship, donor, fund, code, message, DeclineCodes.Classify(code), cancellationToken);
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

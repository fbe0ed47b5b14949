using Microsoft.Extensions.Options;
using Portal.Core.Communications;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Payments;
using Portal.Core.Sponsorships.Runs;

namespace Portal.Core.Sponsorships.Dunning;

/// <summary>
/// What a failed period payment leads to, by its decline: a retry on the schedule, a request for a new payment
/// method, a link to confirm on-session, or (after the last retry) a paused sponsorship in Finance's past-due queue.
/// Every step is recorded in the charge's history and e-mailed to the donor once. The caller saves the unit of work.
/// </summary>
public sealed class DunningPolicy(
    PortalDbContext db, EmailOutbox outbox, EmailRenderer renderer, PublicUrls urls, PaymentLinks links, CharityCalendar calendar,
    IOptions<ChargeRunOptions> options, IOptions<PortalOptions> portal)
{
    public const string UpdateMethodPath = "account/payment-method";

    /// <summary>A period payment was declined (or failed later, like a returned debit).</summary>
    public async Task DeclinedAsync(
        Charge charge,
        Sponsorship sponsorship,
        Donor donor,
        Fund fund,
        string code,
        string? message,
        DeclineKind kind,
        CancellationToken cancellationToken)
    {
        var now = calendar.UtcNow;
        charge.Status = ChargeStatus.Failed;
        charge.FailedAt = now;
        charge.DeclineCode = code;
        charge.FailureMessage = Trim(message);
        charge.NextRetryAt = null;
        Record(charge, kind == DeclineKind.Hard ? ChargeAttemptOutcome.HardDecline : ChargeAttemptOutcome.SoftDecline, code, message);

        var retryDays = options.Value.RetryDays();
        DunningStep step;
        DateOnly? retryOn = null;
        if (sponsorship.Status is SponsorshipStatus.Cancelled)
        {
            return;
        }

        if (kind == DeclineKind.Hard)
        {
            // The same card will not work again: stop and ask for a new one; a new method retries at once.
            step = DunningStep.NewMethodNeeded;
            PastDue(sponsorship, now);
        }
        else if (charge.Attempt <= retryDays.Count)
        {
            // Retries count from the first try of the period, so a slow run does not stretch the schedule.
            var firstTry = charge.CreatedAt;
            var retryAt = firstTry.AddDays(retryDays[charge.Attempt - 1]);
            charge.NextRetryAt = retryAt < now ? now : retryAt;
            retryOn = calendar.DateOf(charge.NextRetryAt.Value);
            step = DunningStep.WillRetry;
        }
        else
        {
            step = DunningStep.Paused;
            PastDue(sponsorship, now);
        }

        await NotifyAsync(step, charge, donor, fund, retryOn, message, urls.To(UpdateMethodPath), cancellationToken);
    }

    /// <summary>The bank wants the donor present (3-D Secure): they get a signed link to pay this period on-session.</summary>
    public async Task ActionRequiredAsync(
        Charge charge,
        Sponsorship sponsorship,
        Donor donor,
        Fund fund,
        string? message,
        CancellationToken cancellationToken)
    {
        charge.Status = ChargeStatus.ActionRequired;
        charge.FailedAt = calendar.UtcNow;
        charge.DeclineCode = DeclineCodes.AuthenticationRequired;
        charge.FailureMessage = Trim(message);
        charge.NextRetryAt = null;
        Record(charge, ChargeAttemptOutcome.AuthenticationRequired, DeclineCodes.AuthenticationRequired, message);
        if (sponsorship.Status is not SponsorshipStatus.Cancelled)
        {
            await NotifyAsync(
                DunningStep.ConfirmPayment,
                charge,
                donor,
                fund,
                null,
                null,
                links.ConfirmUrl(charge.Id, charge.Attempt),
                cancellationToken);
        }
    }

    public void Record(Charge charge, ChargeAttemptOutcome outcome, string? code = null, string? message = null) =>
        db.ChargeAttempts.Add(new ChargeAttempt
        {
            ChargeId = charge.Id,
            Attempt = charge.Attempt,
            OccurredAt = calendar.UtcNow,
            Outcome = outcome,
            DeclineCode = code,
            Message = Trim(message),
        });

    public static string MailKey(Guid chargeId, int attempt, DunningStep step) => $"dunning:{chargeId}:{attempt}:{step}";

    private static void PastDue(Sponsorship sponsorship, DateTime now)
    {
        if (sponsorship.Status is SponsorshipStatus.Active or SponsorshipStatus.Paused)
        {
            sponsorship.Status = SponsorshipStatus.PastDue;
        }

        sponsorship.PastDueSince ??= now;
    }

    private async Task NotifyAsync(
        DunningStep step,
        Charge charge,
        Donor donor,
        Fund fund,
        DateOnly? retryOn,
        string? reason,
        Uri action,
        CancellationToken cancellationToken)
    {
        var key = MailKey(charge.Id, charge.Attempt, step);
        if (db.OutboundEmails.Local.Any(m => m.IdempotencyKey == key))
        {
            return;
        }

        var notice = DunningTexts.For(
            step,
            donor.Language,
            portal.Value.CharityName,
            donor.Name,
            fund.Name,
            charge.Amount,
            charge.PeriodStart,
            retryOn,
            reason,
            action);
        var html = await renderer.RenderAsync<DunningEmail>(new Dictionary<string, object?> { ["Notice"] = notice });
        await outbox.QueueAsync(
            key,
            EmailCategory.Transactional,
            donor.Id,
            donor.Email,
            donor.Name,
            new RenderedEmail(notice.Subject, html, notice.Text()),
            cancellationToken);
    }

    private static string? Trim(string? message) => message is { Length: > 500 } ? message[..500] : message;
}

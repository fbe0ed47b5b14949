using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Sponsorships;

namespace Portal.Core.Reconciliation;

/// <summary>
/// Finance resolves an exception: links it to the record it belongs to, writes it off (posted to the write-off account)
/// or ignores it, always with a reason, always audited. A concurrent resolution of the same exception is refused.
/// </summary>
public sealed class ExceptionDesk(PortalDbContext db, Journal journal, ReconciliationExceptions exceptions, AuditLog audit, CharityCalendar calendar)
{
    public async Task<string?> ResolveAsync(
        long exceptionId,
        ExceptionStatus how,
        string? reason,
        string? linkTo,
        string actorId,
        string actorName,
        CancellationToken cancellationToken)
    {
        var exception = await db.ReconciliationExceptions.SingleOrDefaultAsync(e => e.Id == exceptionId, cancellationToken);
        if (exception is null)
        {
            return "There is no such exception.";
        }

        if (exception.Status != ExceptionStatus.Open)
        {
            return $"This exception was already resolved by {exception.ResolvedBy}.";
        }

        var text = reason?.Trim() ?? "";
        if (text.Length is 0 or > 500)
        {
            return "Give a reason (at most 500 characters); it is kept in the audit trail.";
        }

        switch (how)
        {
            case ExceptionStatus.Linked:
                if (await LinkAsync(exception, linkTo, cancellationToken) is { } problem)
                {
                    return problem;
                }

                break;
            case ExceptionStatus.WrittenOff:
                if (exception.AmountMinor is not { } amount || amount == 0 || exception.Currency is null)
                {
                    return "This exception has no amount to write off; link it or ignore it.";
                }

                var date = await journal.OpenDateAsync(calendar.Today, cancellationToken);
                await journal.PostAsync(SettlementPostings.WriteOff(exception, date, text), cancellationToken);
                break;
            case ExceptionStatus.Ignored:
                break;
            default:
                return "Choose link, write off or ignore.";
        }

        exception.Status = how;
        exception.Resolution = linkTo is null || how != ExceptionStatus.Linked ? text : $"{text} (linked to {linkTo.Trim()})";
        exception.ResolvedBy = actorName;
        exception.ResolvedAt = calendar.UtcNow;
        audit.Record(actorId, actorName, $"reconciliation.exception.{how.ToString().ToLowerInvariant()}", exception.Key, exception.Resolution);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (exception.PayoutId is { } payoutId && await db.Payouts.SingleOrDefaultAsync(p => p.Id == payoutId, cancellationToken) is { } payout)
            {
                await exceptions.RecountAsync(payout, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            return "Someone resolved this exception at the same moment; reload the page.";
        }

        return null;
    }

    /// <summary>Links a gateway line to one of our payments, named by its id, PaymentIntent or receipt number.</summary>
    private async Task<string?> LinkAsync(ReconciliationException exception, string? linkTo, CancellationToken cancellationToken)
    {
        var target = linkTo?.Trim();
        if (string.IsNullOrEmpty(target))
        {
            return "Name the payment to link it to: its receipt number, its payment reference (pi_...) or its id.";
        }

        if (exception.PayoutLineId is not { } lineId)
        {
            return null;
        }

        var charge = Guid.TryParse(target, out var id)
            ? await db.Charges.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            : await db.Charges.FirstOrDefaultAsync(c => c.PaymentIntentId == target || c.ReceiptNumber == target, cancellationToken);
        if (charge is null)
        {
            return $"No payment '{target}' was found.";
        }

        if (!charge.Status.CountsAsPaid())
        {
            return "That payment is not recorded as paid; it cannot explain a payout line.";
        }

        if (await db.PayoutLines
            .AnyAsync(l => l.ChargeId == charge.Id && l.Id != lineId && (l.Type == "charge" || l.Type == "payment"), cancellationToken))
        {
            return "That payment is already matched to a payout line; a payment is paid out once.";
        }

        var line = await db.PayoutLines.SingleAsync(l => l.Id == lineId, cancellationToken);
        line.ChargeId = charge.Id;
        line.Match = PayoutLineMatch.Charge;
        exception.ChargeId = charge.Id;
        return null;
    }
}

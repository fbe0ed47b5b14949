using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Reconciliation;
using Portal.Core.Refunds;
using Portal.Core.Sponsorships;

namespace Portal.Core.Ledger;

/// <summary>
/// Closing a month: after it, no entry may be dated in it or before it. Months close in order and only once they have
/// ended; closing a month closes any earlier month still open. What is still unsettled is shown first, not enforced:
/// an accountant may close with an open exception, knowing it will be corrected in the open period.
/// </summary>
public sealed class PeriodClose(PortalDbContext db, Journal journal, AuditLog audit, CharityCalendar calendar)
{
    public async Task<PeriodCloseCheck> CheckAsync(DateOnly month, CancellationToken cancellationToken)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        var lastDay = month.AddMonths(1).AddDays(-1);
        var endUtc = lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var openExceptions = await db.ReconciliationExceptions
            .CountAsync(e => e.Status == ExceptionStatus.Open && e.CreatedAt < endUtc, cancellationToken);
        var unsettled = await db.Charges
            .CountAsync(c => (c.Status == ChargeStatus.InFlight || c.Status == ChargeStatus.Processing) && c.CreatedAt < endUtc, cancellationToken);
        var refunds = await db.Refunds
            .CountAsync(r => (r.Status == RefundStatus.Requested || r.Status == RefundStatus.Pending) && r.CreatedAt < endUtc, cancellationToken);
        var unreconciled = await db.Payouts
            .CountAsync(p => p.ArrivalDate <= lastDay && (p.OpenExceptionCount > 0 || p.BankLineId == null), cancellationToken);
        return new PeriodCloseCheck(month, await journal.LockDateAsync(cancellationToken), openExceptions, unsettled, refunds, unreconciled);
    }

    public async Task<PeriodCloseResult> CloseAsync(DateOnly month, string actorId, string actorName, CancellationToken cancellationToken)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        var today = calendar.Today;
        if (month.AddMonths(1) > today)
        {
            return new PeriodCloseResult(false, $"{month:MMMM yyyy} has not ended yet; a month can be closed from its next month on.");
        }

        var locked = await journal.LockDateAsync(cancellationToken);
        if (locked is { } through && month <= through)
        {
            return new PeriodCloseResult(false, $"{month:MMMM yyyy} is already closed (the ledger is closed through {through:yyyy-MM-dd}).");
        }

        var first = locked is { } l ? l.AddDays(1) : month;
        var firstEntry = await db.JournalEntries.MinAsync(e => (DateOnly?)e.Date, cancellationToken);
        if (locked is null && firstEntry is { } earliest && earliest < month)
        {
            first = new DateOnly(earliest.Year, earliest.Month, 1);
        }

        var closed = new List<DateOnly>();
        for (var m = first; m <= month; m = m.AddMonths(1))
        {
            db.ClosedPeriods.Add(new ClosedPeriod { Month = m, ClosedAt = calendar.UtcNow, ClosedBy = actorName });
            closed.Add(m);
        }

        audit.Record(
            actorId,
            actorName,
            "ledger.period.closed",
            $"{month:yyyy-MM}",
            $"Closed {string.Join(", ", closed.Select(m => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)))}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new PeriodCloseResult(false, "Someone else closed a period at the same moment; reload and check again.");
        }

        return new PeriodCloseResult(true, null);
    }
}

public sealed record PeriodCloseCheck(
    DateOnly Month,
    DateOnly? LockDate,
    int OpenExceptions,
    int UnsettledCharges,
    int UnsettledRefunds,
    int UnreconciledPayouts)
{
    public bool AllSettled => OpenExceptions == 0 && UnsettledCharges == 0 && UnsettledRefunds == 0 && UnreconciledPayouts == 0;
}

public sealed record PeriodCloseResult(bool Closed, string? Problem);

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Disputes;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Payments;
using Portal.Core.Refunds;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;

namespace Portal.Core.Reconciliation;

/// <summary>
/// Records a payout's lines and matches each: a payment by the charge id in its metadata (else its PaymentIntent), a
/// refund by its id, a dispute by its id. A match posts the line's settlement; anything else raises an exception.
/// Runs inside the caller's transaction and saves.
/// </summary>
public sealed partial class PayoutMatcher(
    PortalDbContext db, Journal journal, CharityCalendar calendar, ReconciliationExceptions exceptions, ILogger<PayoutMatcher> logger)
{
    private const int Chunk = 500;

    // The charges this payout settled, written in bulk once its lines are saved.
    private readonly List<(Guid ChargeId, PayoutLine Line, bool SameCurrency)> settled = [];

    public async Task<PayoutImportResult> RecordAsync(
        string gateway,
        GatewayPayout seen,
        IReadOnlyList<GatewayBalanceLine> lines,
        CancellationToken cancellationToken)
    {
        var payout = await UpsertPayoutAsync(gateway, seen, cancellationToken);
        var known = (await db.PayoutLines.Where(l => l.PayoutId == payout.Id).Select(l => l.BalanceTransactionId).ToListAsync(cancellationToken))
            .ToHashSet();
        var fresh = lines.Where(l => !known.Contains(l.Id)).ToList();
        var records = await RecordsAsync(gateway, fresh, cancellationToken);
        var date = await journal.OpenDateAsync(calendar.Today, cancellationToken);
        var recorded = new List<PayoutLine>(fresh.Count);
        foreach (var seenLine in fresh)
        {
            var line = NewLine(payout.Id, seenLine);
            recorded.Add(line);
            await MatchAsync(payout, line, seenLine, records, date, cancellationToken);
            if (line.Match != PayoutLineMatch.Unmatched)
            {
                ReconciliationLog.LineMatched(logger, seenLine.Id, line.Match, line.ChargeId);
            }
        }

        // Lines an exception points at are saved with it by the change tracker; the rest in bulk.
        var withException = db.ChangeTracker.Entries<PayoutLine>().Select(e => e.Entity).ToHashSet();
        await PayoutLineInserts.InsertAsync(db, [.. recorded.Where(l => !withException.Contains(l))], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await ChargeSettlements.SetAsync(db, settled, cancellationToken);
        settled.Clear();
        payout.LineCount = await db.PayoutLines.CountAsync(l => l.PayoutId == payout.Id && l.Type != "payout", cancellationToken);
        payout.MatchedCount = await db.PayoutLines
            .CountAsync(l => l.PayoutId == payout.Id && l.Match != PayoutLineMatch.Unmatched && l.Type != "payout", cancellationToken);
        await exceptions.RecountAsync(payout, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new PayoutImportResult(payout.Id, payout.LineCount, payout.MatchedCount, payout.OpenExceptionCount);
    }

    private async Task<Payout> UpsertPayoutAsync(string gateway, GatewayPayout seen, CancellationToken cancellationToken)
    {
        var payout = await db.Payouts.SingleOrDefaultAsync(p => p.Gateway == gateway && p.GatewayPayoutId == seen.Id, cancellationToken);
        if (payout is null)
        {
            payout = new Payout
            {
                Gateway = gateway,
                GatewayPayoutId = seen.Id,
                Currency = seen.Amount.Currency.Code,
                GatewayCreatedAt = seen.Created,
                ImportedAt = calendar.UtcNow,
            };
            db.Payouts.Add(payout);
        }

        payout.AmountMinor = seen.Amount.Minor;
        payout.ArrivalDate = seen.ArrivalDate;
        payout.FailureCode = seen.FailureCode;
        var was = payout.Status;
        payout.Status = seen.Status switch { "paid" => PayoutStatus.Paid, "failed" => PayoutStatus.Failed, _ => PayoutStatus.InTransit };
        await db.SaveChangesAsync(cancellationToken);

        var date = await journal.OpenDateAsync(calendar.Today, cancellationToken);
        var key = SettlementPostings.PayoutKey(gateway, seen.Id);
        var posted = await db.JournalEntries.Where(e => e.IdempotencyKey == key).Select(e => (long?)e.Id).SingleOrDefaultAsync(cancellationToken);
        if (payout.Status == PayoutStatus.Paid && posted is null)
        {
            await journal.PostAsync(SettlementPostings.Payout(payout, date), cancellationToken);
            ReconciliationLog.PayoutPosted(logger, seen.Id, payout.AmountMinor, payout.Currency);
        }
        else if (payout.Status == PayoutStatus.Failed && was == PayoutStatus.Paid && posted is { } entryId)
        {
            // The bank sent it back: the money is at the gateway again.
            ReconciliationLog.PayoutFailed(logger, seen.Id, payout.FailureCode);
            var draft = SettlementPostings.Payout(payout, date);
            await journal.PostAsync(draft with
            {
                IdempotencyKey = key + ":failed",
                Description = $"Payout {payout.GatewayPayoutId} failed ({payout.FailureCode}); back at the gateway",
                Lines = [.. draft.Lines.Select(l => l with { Amount = -l.Amount })],
                ReversesEntryId = entryId,
            }, cancellationToken);
        }

        return payout;
    }

    private static PayoutLine NewLine(long payoutId, GatewayBalanceLine seen) => new()
    {
        PayoutId = payoutId,
        BalanceTransactionId = seen.Id,
        Type = seen.Type,
        ReportingCategory = seen.ReportingCategory,
        SourceId = seen.SourceId,
        AmountMinor = seen.Amount,
        FeeMinor = seen.Fee,
        NetMinor = seen.Net,
        Currency = seen.Currency,
        ExchangeRate = seen.ExchangeRate,
        GatewayCreatedAt = seen.Created,
    };

    private async Task MatchAsync(
        Payout payout,
        PayoutLine line,
        GatewayBalanceLine seen,
        LineRecords records,
        DateOnly date,
        CancellationToken cancellationToken)
    {
        switch (seen.Type)
        {
            case "payout":
            case "payout_failure":
                line.Match = PayoutLineMatch.Other;
                return;
            case "charge" or "payment":
                await MatchChargeAsync(payout, line, seen, records, date, cancellationToken);
                return;
            case "refund" or "payment_refund" or "refund_failure" or "payment_failure_refund":
                await MatchRefundAsync(payout, line, seen, records, date, cancellationToken);
                return;
            case "adjustment" when seen.DisputeId is not null || seen.ReportingCategory is "dispute" or "dispute_reversal":
                await MatchDisputeAsync(payout, line, seen, records, date, cancellationToken);
                return;
            default:
                Unmatched(payout, line, seen, $"A {seen.Type} line ({seen.ReportingCategory}) the portal has no record for: {seen.SourceId}");
                return;
        }
    }

    /// <summary>A line of the gateway's that matches nothing of ours: an exception for Finance, keyed by the line.</summary>
    private void Unmatched(Payout payout, PayoutLine line, GatewayBalanceLine seen, string what) =>
        exceptions.Raise(ExceptionKind.UnmatchedGatewayLine, $"line:{seen.Id}:unmatched", payout, line, what, seen.Net, seen.Currency);

    /// <summary>A line is recorded in the same transaction as its settlement, so a fresh line has none posted yet.</summary>
    private async Task PostAsync(JournalDraft? draft, CancellationToken cancellationToken)
    {
        if (draft is not null)
        {
            await journal.PostAsync(draft, cancellationToken);
        }
    }
}

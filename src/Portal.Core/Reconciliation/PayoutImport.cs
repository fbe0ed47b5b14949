using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments;
using Portal.Core.Shared;

namespace Portal.Core.Reconciliation;

/// <summary>
/// Imports a payout and every balance transaction it settles (all pages), matches each to our charges, refunds and
/// disputes, posts the actual fees and the payout, and raises an exception for whatever does not match. Safe to run
/// again at any time: lines are unique by their balance transaction, postings by their keys, exceptions by theirs.
/// The gateway is read before the transaction opens, so no database lock waits on the network.
/// </summary>
public sealed class PayoutImport(
    PortalDbContext db,
    PaymentGateways gateways,
    PayoutMatcher matcher,
    CharityCalendar calendar,
    IOptions<ReconciliationOptions> options,
    ILogger<PayoutImport> logger)
{
    public async Task<PayoutImportResult> ImportAsync(string gateway, string payoutId, CancellationToken cancellationToken)
    {
        var finance = gateways.FinanceNamed(gateway) ?? throw new InvalidOperationException($"Gateway {gateway} is not configured.");
        var seen = await finance.GetPayoutAsync(payoutId, cancellationToken);
        using var scope = logger.BeginIdScope("PayoutId", payoutId);
        if (seen is null)
        {
            ReconciliationLog.NotAtGateway(logger, payoutId);
            return new PayoutImportResult(null, 0, 0, 0, $"The gateway has no payout {payoutId}.");
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var lines = new List<GatewayBalanceLine>();
        await foreach (var line in finance.ListPayoutLinesAsync(payoutId, cancellationToken))
        {
            lines.Add(line);
        }

        lines = await PlaceAsync(finance, lines, cancellationToken);
        var read = watch.Elapsed;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await matcher.RecordAsync(gateway, seen, lines, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var recorded = (long)(watch.Elapsed - read).TotalMilliseconds;
        ReconciliationLog.Imported(logger, payoutId, result.Lines, (long)read.TotalMilliseconds, recorded, result.Matched, result.Exceptions);
        return result;
    }

    /// <summary>
    /// Reads the source of each payment or refund line that none of our records names (a payment before the portal kept
    /// the gateway's charge id, one made outside the portal), so it can still be matched by its metadata or payment.
    /// </summary>
    private async Task<List<GatewayBalanceLine>> PlaceAsync(
        IGatewayFinance finance,
        List<GatewayBalanceLine> lines,
        CancellationToken cancellationToken)
    {
        var sources = lines.Where(l => l.ChargeId is null && l.RefundId is null && l.SourceId is not null).Select(l => l.SourceId!).Distinct()
            .ToList();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in sources.Chunk(500))
        {
            known.UnionWith(
                await db.Charges.Where(c => chunk.Contains(c.GatewayChargeId!)).Select(c => c.GatewayChargeId!).ToListAsync(cancellationToken));
            known.UnionWith(
                await db.Refunds.Where(r => chunk.Contains(r.GatewayRefundId!)).Select(r => r.GatewayRefundId!).ToListAsync(cancellationToken));
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.SourceId is { } source && !known.Contains(source) && line.ChargeId is null && line.RefundId is null && line.DisputeId is null
                && line.Type != "payout")
            {
                lines[i] = await finance.WithSourceAsync(line, cancellationToken);
            }
        }

        return lines;
    }

    /// <summary>The nightly import: every payout of the last days, from every gateway that pays out.</summary>
    public async Task<int> ImportRecentAsync(CancellationToken cancellationToken)
    {
        var since = calendar.UtcNow.AddDays(-options.Value.ImportPayoutsDays);
        var imported = 0;
        foreach (var finance in gateways.AllFinance)
        {
            var payouts = new List<GatewayPayout>();
            await foreach (var payout in finance.ListPayoutsAsync(since, cancellationToken))
            {
                payouts.Add(payout);
            }

            foreach (var payout in payouts.Where(p => p.Status is "paid" or "failed"))
            {
                db.ChangeTracker.Clear();
                await ImportAsync(finance.Name, payout.Id, cancellationToken);
                imported++;
            }
        }

        return imported;
    }
}

public sealed record PayoutImportResult(long? PayoutId, int Lines, int Matched, int Exceptions, string? Problem = null);

using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Payments.Events;

namespace Portal.Bench;

/// <summary>The appeal's checks: every gift started once, every event applied once, each paid, posted and receipted once.</summary>
public static partial class AppealBenchmark
{
    private sealed record Started(List<string> Sessions, long Lost, long Doubled);

    /// <summary>
    /// Every redirect went to a checkout at the fake whose session is stored on exactly one charge, of one sponsorship of
    /// its own donor; and nothing else was stored (no sponsorship without a redirect).
    /// </summary>
    private static async Task<Started> CheckStartedAsync(
        IServiceProvider services, string stripeBase, IEnumerable<Uri> redirects, long expected, CancellationToken cancellationToken)
    {
        using var ours = SqlCommandCounter.Ours();
        var sessions = SessionIds(stripeBase, redirects).ToList();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var charges = await db.Charges.AsNoTracking().Select(c => new { c.CheckoutSessionId, c.SponsorshipId }).ToListAsync(cancellationToken);
        var sponsorships = await db.Sponsorships.AsNoTracking().Select(s => new { s.Id, s.DonorId }).ToListAsync(cancellationToken);
        var bySession = charges.Where(c => c.CheckoutSessionId is not null)
            .GroupBy(c => c.CheckoutSessionId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var lost = sessions.Count(s => !bySession.ContainsKey(s)) + Math.Max(0, expected - sessions.Count);
        var doubled = bySession.Values.Sum(n => n - 1)
            + sessions.Count - sessions.Distinct(StringComparer.Ordinal).Count()
            + Math.Max(0, sponsorships.Count - sessions.Count)
            + Math.Max(0, charges.Count - sponsorships.Count)
            + sponsorships.GroupBy(s => s.DonorId).Sum(g => g.Count() - 1);
        return new Started([.. sessions.Where(bySession.ContainsKey).Distinct(StringComparer.Ordinal)], lost, doubled);
    }

    /// <summary>The checkout session each redirect goes to at the fake; "" for one that goes elsewhere.</summary>
    private static IEnumerable<string> SessionIds(string stripeBase, IEnumerable<Uri> redirects)
    {
        var prefix = stripeBase.TrimEnd('/') + "/pay/";
        return redirects.Select(r => r.ToString()).Select(r => r.StartsWith(prefix, StringComparison.Ordinal) ? r[prefix.Length..] : "");
    }

    /// <summary>
    /// Polls the inbox until no event is pending; the run fails (an error, not a wait without end) past a timeout that
    /// allows 25 events a second. Returns how many were still pending.
    /// </summary>
    private static async Task<int> WaitUntilAppliedAsync(
        IServiceProvider services, int events, bool sqlite, TextWriter progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(120 + (events / 25.0));
        var waiting = Stopwatch.StartNew();
        var lastSaid = TimeSpan.Zero;
        while (true)
        {
            int pending;
            using (SqlCommandCounter.Ours())
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                pending = await db.GatewayEvents.CountAsync(e => e.Status == GatewayEventStatus.Pending, cancellationToken);
            }

            if (pending == 0 || waiting.Elapsed > timeout)
            {
                if (pending > 0)
                {
                    LedgerBench.Say(progress, clock, $"{pending} events still pending after {timeout.TotalSeconds:0} s: given up");
                }

                return pending;
            }

            if (waiting.Elapsed - lastSaid >= TimeSpan.FromSeconds(10))
            {
                lastSaid = waiting.Elapsed;
                LedgerBench.Say(progress, clock, $"{pending} events pending; {PeakMemory.Parts(sqlite)}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>
    /// Polls the outbox until every queued message is sent (or has failed for good), within the same allowance as
    /// <see cref="WaitUntilAppliedAsync"/>: the warm-up's receipts are sent before the measured burst, not during it.
    /// Returns how many were still waiting.
    /// </summary>
    private static async Task<int> WaitUntilSentAsync(IServiceProvider services, int messages, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(120 + (messages / 25.0));
        var waiting = Stopwatch.StartNew();
        while (true)
        {
            int unsent;
            using (SqlCommandCounter.Ours())
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                unsent = await db.OutboundEmails.CountAsync(m => m.SentAt == null && m.FailedAt == null, cancellationToken);
            }

            if (unsent == 0 || waiting.Elapsed > timeout)
            {
                return unsent;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private sealed record Applied(
        long Processed,
        string Statuses,
        double Seconds,
        double PerSecond,
        double LagP50Ms,
        double LagP99Ms,
        double AckLagP50Ms,
        double AckLagP99Ms,
        long Unpaid,
        long Twice,
        long NotApplied,
        string Problems);

    /// <summary>
    /// The inbox's figures and the gifts' end state: every event applied once (none unmatched, failed, or attempted twice),
    /// every checkout's charge paid with exactly one ledger entry and one receipt; and the lag from each checkout's
    /// completion at the fake (and from the portal's first acknowledgement of one of its events) to its receipt. The
    /// rate counts the events received from <paramref name="burstStart"/> on: the measured burst's, not the warm-up's.
    /// </summary>
    private static async Task<Applied> CheckAppliedAsync(
        IServiceProvider services, Started started, WebhookBurst.Figures burst, DateTime burstStart, CancellationToken cancellationToken)
    {
        using var bench = SqlCommandCounter.Ours();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var measured = db.GatewayEvents.Where(e => e.ReceivedAt >= burstStart);
        var statuses = await measured.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var processed = statuses.Where(s => s.Key != GatewayEventStatus.Pending).Sum(s => s.Count);
        var twice = await db.GatewayEvents.LongCountAsync(e => e.Attempts > 1, cancellationToken);
        var firstReceived = await measured.MinAsync(e => (DateTime?)e.ReceivedAt, cancellationToken) ?? burstStart;
        var lastProcessed = await measured.MaxAsync(e => e.ProcessedAt, cancellationToken) ?? firstReceived;
        var seconds = (lastProcessed - firstReceived).TotalSeconds;
        // The warm-up's events too: none of them may be unmatched or failed either.
        var notApplied = await db.GatewayEvents.LongCountAsync(
            e => e.Status == GatewayEventStatus.Unmatched || e.Status == GatewayEventStatus.Failed, cancellationToken);

        var charges = await db.Charges.AsNoTracking().Where(c => c.CheckoutSessionId != null)
            .Select(c => new { c.Id, c.CheckoutSessionId, c.Status }).ToListAsync(cancellationToken);
        var postings = (await db.JournalEntries.AsNoTracking().Where(e => e.ChargeId != null).Select(e => e.ChargeId!.Value)
                .ToListAsync(cancellationToken))
            .CountBy(id => id).ToDictionary(p => p.Key, p => p.Value);
        var receipts = (await db.OutboundEmails.AsNoTracking().Where(m => m.IdempotencyKey.StartsWith("receipt:"))
            .Select(m => new { m.IdempotencyKey, m.CreatedAt }).ToListAsync(cancellationToken))
            .GroupBy(m => m.IdempotencyKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var lags = new List<double>(charges.Count);
        var ackLags = new List<double>(charges.Count);
        var ours = started.Sessions.ToHashSet(StringComparer.Ordinal);
        long unpaid = 0, doublePostings = 0, doubleReceipts = 0, missingPostings = 0, missingReceipts = 0;
        foreach (var charge in charges.Where(c => ours.Contains(c.CheckoutSessionId!)))
        {
            unpaid += charge.Status == Portal.Core.Sponsorships.ChargeStatus.Succeeded ? 0 : 1;
            var posted = postings.GetValueOrDefault(charge.Id);
            doublePostings += Math.Max(0, posted - 1);
            missingPostings += posted == 0 ? 1 : 0;
            var mails = receipts.GetValueOrDefault(Portal.Core.Communications.Receipts.ReceiptMail.Key(charge.Id)) ?? [];
            doubleReceipts += Math.Max(0, mails.Count - 1);
            missingReceipts += mails.Count == 0 ? 1 : 0;
            if (mails.Count == 0)
            {
                continue;
            }

            var queuedAt = DateTime.SpecifyKind(mails.Min(m => m.CreatedAt), DateTimeKind.Utc);
            if (burst.Completed.TryGetValue(charge.CheckoutSessionId!, out var completedAt))
            {
                lags.Add((queuedAt - completedAt).TotalMilliseconds);
            }

            if (burst.FirstAcknowledged.TryGetValue(charge.CheckoutSessionId!, out var acknowledgedAt))
            {
                ackLags.Add((queuedAt - acknowledgedAt).TotalMilliseconds);
            }
        }

        lags.Sort();
        ackLags.Sort();
        var problems = $"unpaid {unpaid}, ledger entries missing {missingPostings} and doubled {doublePostings}, "
            + $"receipts missing {missingReceipts} and doubled {doubleReceipts}, events attempted twice {twice}, unmatched or failed {notApplied}";
        return new Applied(
            processed,
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Count} {s.Key}")),
            seconds,
            seconds > 0 ? processed / seconds : 0,
            NearestRank.Of(lags, 0.5),
            NearestRank.Of(lags, 0.99),
            NearestRank.Of(ackLags, 0.5),
            NearestRank.Of(ackLags, 0.99),
            unpaid + missingPostings + missingReceipts,
            twice + doublePostings + doubleReceipts,
            notApplied,
            problems);
    }
}

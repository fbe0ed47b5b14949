using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Communications.Receipts;
using Portal.Core.Data;
using Portal.Core.Disputes;
using Portal.Core.Hosting;
using Portal.Core.Payments;
using Portal.Core.Payments.Events;
using Portal.Core.Refunds;
using Portal.Core.Sponsorships;

namespace Portal.Core.Reconciliation;

/// <summary>
/// The nightly comparison with the gateway, for what a missed event left behind: payments still unsettled here that the
/// gateway has decided, and every refund and dispute of the last days. It repairs through the same code the events
/// use (so a repair is posted and receipted exactly as the event would have been) and records every change it made.
/// </summary>
public sealed class DriftRepair(
    PortalDbContext db, PaymentGateways gateways, ChargeOutcomes outcomes, ReceiptMail receipts, GatewayRefunds refunds, DisputeStates disputes,
    CharityCalendar calendar, IOptions<ReconciliationOptions> options)
{
    private static readonly ChargeStatus[] Unsettled = [ChargeStatus.InFlight, ChargeStatus.Processing, ChargeStatus.ActionRequired];

    public async Task<DriftRun> RunAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.DriftDays;
        var run = new DriftRun { StartedAt = calendar.UtcNow, Days = days };
        db.DriftRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        var since = calendar.UtcNow.AddDays(-days);
        try
        {
            foreach (var finance in gateways.AllFinance)
            {
                await ChargesAsync(run, finance.Name, since, cancellationToken);
                await RefundsAsync(run, finance, since, cancellationToken);
                await DisputesAsync(run, finance, since, cancellationToken);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            run.Error = $"{error.GetType().Name}: {error.Message} {error.InnerException?.Message}";
        }

        db.ChangeTracker.Clear();
        db.Attach(run).State = EntityState.Modified;
        run.FinishedAt = calendar.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    private async Task ChargesAsync(DriftRun run, string gateway, DateTime since, CancellationToken cancellationToken)
    {
        var payments = gateways.Named(gateway);
        var stale = calendar.UtcNow.AddMinutes(-30);
        var ids = await db.Charges.AsNoTracking()
            .Where(
                c => c.Gateway == gateway && Unsettled.Contains(c.Status) && c.PaymentIntentId != null && c.CreatedAt >= since && c.CreatedAt < stale)
            .Select(c => new { c.Id, c.PaymentIntentId }).ToListAsync(cancellationToken);
        foreach (var charge in ids)
        {
            run.Checked++;
            var lookup = payments is null ? null : await payments.GetPaymentAsync(charge.PaymentIntentId!, cancellationToken);
            PaymentEventKind? kind = lookup?.State switch
            {
                PaymentState.Succeeded => PaymentEventKind.Succeeded,
                PaymentState.Failed => PaymentEventKind.Failed,
                _ => null,
            };
            if (kind is null)
            {
                continue;
            }

            await InTransactionAsync(run, $"charge {charge.Id}", async () =>
            {
                var paymentEvent = new PaymentEvent(
                    kind.Value,
                    charge.Id,
                    null,
                    charge.PaymentIntentId,
                    lookup!.CustomerId,
                    lookup.DeclineCode,
                    lookup.FailureMessage);
                var outcome = await outcomes.ApplyAsync(paymentEvent, gateway, lookup, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                if (outcome.Receipt is { } paid)
                {
                    await receipts.IssueAsync(paid.Charge, paid.Sponsorship, paid.Fund, paid.Donor, paid.Entry, cancellationToken);
                }

                return [$"was unsettled here; the gateway says {lookup.State.ToString().ToLowerInvariant()}"];
            }, cancellationToken);
        }
    }

    private async Task RefundsAsync(DriftRun run, IGatewayFinance finance, DateTime since, CancellationToken cancellationToken)
    {
        var seen = new List<GatewayRefund>();
        await foreach (var refund in finance.ListRefundsSinceAsync(since, cancellationToken))
        {
            seen.Add(refund);
        }

        foreach (var payment in seen.Where(r => r.PaymentIntentId is not null).GroupBy(r => r.PaymentIntentId!))
        {
            run.Checked += payment.Count();
            await InTransactionAsync(run, $"refunds of {payment.Key}", async () =>
            {
                var charge = await db.Charges
                    .FirstOrDefaultAsync(c => c.Gateway == finance.Name && c.PaymentIntentId == payment.Key, cancellationToken);
                return charge is null ? [] : await refunds.ApplyAsync(charge, [.. payment], cancellationToken);
            }, cancellationToken);
        }
    }

    private async Task DisputesAsync(DriftRun run, IGatewayFinance finance, DateTime since, CancellationToken cancellationToken)
    {
        var seen = new List<GatewayDispute>();
        await foreach (var dispute in finance.ListDisputesSinceAsync(since, cancellationToken))
        {
            seen.Add(dispute);
        }

        foreach (var dispute in seen)
        {
            run.Checked++;
            await InTransactionAsync(
                run,
                $"dispute {dispute.Id}",
                async () => await disputes.ApplyAsync(finance.Name, dispute, cancellationToken) ?? [],
                cancellationToken);
        }
    }

    /// <summary>One subject per transaction, so one bad record never undoes the others' repairs.</summary>
    private async Task InTransactionAsync(DriftRun run, string subject, Func<Task<IReadOnlyList<string>>> repair, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changes = await repair();
        foreach (var change in changes)
        {
            db.Add(new DriftChange
            {
                DriftRunId = run.Id,
                Subject = subject,
                Change = change.Length <= 1000 ? change : change[..1000],
                At = calendar.UtcNow
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        run.Repaired += changes.Count;
    }
}

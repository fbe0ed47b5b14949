using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications;
using Portal.Core.Communications.Receipts;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments;
using Portal.Core.Sponsorships.Dunning;

namespace Portal.Core.Sponsorships.Runs;

/// <summary>
/// Writes a batch of the gateway's answers in one transaction: each charge moves on only from the attempt that was
/// sent (a gateway event may have recorded it first), with its ledger entry, receipt, dunning step and the run's
/// progress. Scoped: one instance and one context per batch.
/// </summary>
public sealed class ChargeAnswers(PortalDbContext db, ChargeOutcomes outcomes, DunningPolicy dunning, EmailOutbox outbox, CharityCalendar calendar)
{
    internal async Task RecordAsync(long runId, IReadOnlyList<ChargeAnswer> answers, CancellationToken cancellationToken)
    {
        // Hundreds of entities per batch: changes are detected once before each save, not on every lookup of the
        // context's local entities (the journal's accounts, the outbox's keys), which made a batch quadratic.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = answers.Select(a => a.ChargeId).ToList();
        var charges = await db.Charges.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var sponsorshipIds = charges.Values.Select(c => c.SponsorshipId).Distinct().ToList();
        var sponsorships = await db.Sponsorships.Where(s => sponsorshipIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var donorIds = sponsorships.Values.Select(s => s.DonorId).Distinct().ToList();
        var donors = await db.Donors.Where(d => donorIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        // Funds are only read here: not tracked, so saving does not look at them.
        var fundIds = charges.Values.Select(c => c.FundId ?? sponsorships[c.SponsorshipId].FundId).Distinct().ToList();
        var funds = await db.Funds.AsNoTracking().Where(f => fundIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, cancellationToken);

        var progress = new Progress();
        var paid = new List<PaidCharge>();
        foreach (var answer in answers)
        {
            if (!charges.TryGetValue(answer.ChargeId, out var charge))
            {
                continue;
            }

            if (charge.Status != ChargeStatus.InFlight || charge.Attempt != answer.Attempt)
            {
                // Recorded already, by the gateway's event or another worker: count what it became.
                progress.Count(charge.Status);
                continue;
            }

            var sponsorship = sponsorships[charge.SponsorshipId];
            var donor = donors[sponsorship.DonorId];
            var fund = funds[charge.FundId ?? sponsorship.FundId];
            if (answer.Resolved && answer.Result is not OffSessionChargeResult.Transient)
            {
                dunning.Record(charge, ChargeAttemptOutcome.Resolved, null, "The answer was lost and read back from the gateway.");
            }

            switch (answer.Result)
            {
                case OffSessionChargeResult.Succeeded succeeded:
                    charge.GatewayChargeId ??= succeeded.GatewayChargeId;
                    paid.Add(
                        await outcomes.RecordPaidAsync(
                            charge, sponsorship, fund, donor, succeeded.PaymentIntentId, answer.Lookup, cancellationToken));
                    progress.Succeeded++;
                    break;
                case OffSessionChargeResult.Processing processing:
                    charge.Status = ChargeStatus.Processing;
                    charge.PaymentIntentId = processing.PaymentIntentId;
                    dunning.Record(charge, ChargeAttemptOutcome.Processing);
                    progress.Processing++;
                    break;
                case OffSessionChargeResult.AuthenticationRequired authentication:
                    charge.PaymentIntentId = authentication.PaymentIntentId ?? charge.PaymentIntentId;
                    await dunning.ActionRequiredAsync(charge, sponsorship, donor, fund, authentication.Message, cancellationToken);
                    progress.ActionRequired++;
                    break;
                case OffSessionChargeResult.Declined declined:
                    charge.PaymentIntentId = declined.PaymentIntentId ?? charge.PaymentIntentId;
                    await dunning.DeclinedAsync(
                        charge,
                        sponsorship,
                        donor,
                        fund,
                        declined.DeclineCode,
                        declined.Message,
                        declined.Kind,
                        cancellationToken);
                    progress.Failed++;
                    break;
                default:
                    progress.Unresolved++;
                    break;
            }
        }

        var now = calendar.UtcNow;
        await db.ChargeRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(
            r => r
                .SetProperty(x => x.Succeeded, x => x.Succeeded + progress.Succeeded)
                .SetProperty(x => x.Processing, x => x.Processing + progress.Processing)
                .SetProperty(x => x.Failed, x => x.Failed + progress.Failed)
                .SetProperty(x => x.ActionRequired, x => x.ActionRequired + progress.ActionRequired)
                .SetProperty(x => x.Unresolved, x => x.Unresolved + progress.Unresolved)
                .SetProperty(x => x.LastProgressAt, now),
            cancellationToken);
        foreach (var gift in paid)
        {
            // Rendered by the mail job when it sends it, from the charge and its ledger entry.
            ReceiptMail.QueueReceipt(outbox, gift.Charge, gift.Donor);
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);

        // The receipt number is the saved ledger entry's id: all of the batch's in one statement, not one per charge.
        var numbers = paid.Select(gift => (gift.Charge.Id, Number: ReceiptView.Number(gift.Entry.Date, gift.Entry.Id))).ToList();
        await ReceiptNumbers.SetAsync(db, numbers, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed class Progress
    {
        public int Succeeded { get; set; }

        public int Processing { get; set; }

        public int Failed { get; set; }

        public int ActionRequired { get; set; }

        public int Unresolved { get; set; }

        public void Count(ChargeStatus status)
        {
            switch (status)
            {
                case var paid when paid.CountsAsPaid():
                    Succeeded++;
                    break;
                case ChargeStatus.Processing:
                    Processing++;
                    break;
                case ChargeStatus.ActionRequired:
                    ActionRequired++;
                    break;
                case ChargeStatus.Failed:
                    Failed++;
                    break;
                default:
                    Unresolved++;
                    break;
            }
        }
    }
}

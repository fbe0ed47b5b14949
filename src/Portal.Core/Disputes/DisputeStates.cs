using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Payments;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;

namespace Portal.Core.Disputes;

/// <summary>
/// Brings a dispute in line with what the gateway says of it now. The withdrawal and the reinstatement each post once,
/// whatever the order or number of events; a SEPA return is a dispute that is lost at once. The caller saves.
/// </summary>
public sealed class DisputeStates(PortalDbContext db, Journal journal, CharityCalendar calendar, ILogger<DisputeStates> logger)
{
    /// <returns>What changed, in words (empty when nothing did), or null when the payment is not one of ours.</returns>
    public async Task<IReadOnlyList<string>?> ApplyAsync(string gateway, GatewayDispute seen, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginIdScope("DisputeId", seen.Id);
        var dispute = await db.Disputes.SingleOrDefaultAsync(d => d.Gateway == gateway && d.GatewayDisputeId == seen.Id, cancellationToken);
        var charge = dispute is not null
            ? await db.Charges.SingleAsync(c => c.Id == dispute.ChargeId, cancellationToken)
            : seen.PaymentIntentId is null ? null
            : await db.Charges.FirstOrDefaultAsync(c => c.Gateway == gateway && c.PaymentIntentId == seen.PaymentIntentId, cancellationToken);
        if (charge is null)
        {
            DisputeLog.NotOurs(logger, seen.Id);
            return null;
        }

        var changes = new List<string>();
        if (dispute is null)
        {
            dispute = new Dispute
            {
                ChargeId = charge.Id,
                Gateway = gateway,
                GatewayDisputeId = seen.Id,
                AmountMinor = seen.Amount.Minor,
                Currency = seen.Amount.Currency.Code,
                Reason = seen.Reason,
                Status = seen.Status,
                IsBankReturn = seen.IsBankReturn,
                CreatedAt = seen.Created,
            };
            db.Disputes.Add(dispute);
            DisputeLog.Opened(logger, seen.Id, charge.Id, seen.Reason);
            changes.Add($"dispute {seen.Id} opened ({seen.Reason}) on charge {charge.Id}");
        }

        if (dispute.Status != seen.Status)
        {
            DisputeLog.Changed(logger, seen.Id, dispute.Status, seen.Status);
            changes.Add($"dispute {seen.Id} {dispute.Status} → {seen.Status}");
            dispute.Status = seen.Status;
        }

        dispute.EvidenceDueBy = seen.EvidenceDueBy;
        if (seen.Fee is { } fee && dispute.FundsWithdrawnAt is null)
        {
            dispute.FeeMinor = fee.Minor;
            dispute.FeeCurrency = fee.Currency.Code;
        }

        var sponsorship = await db.Sponsorships.SingleAsync(s => s.Id == charge.SponsorshipId, cancellationToken);
        var fund = await db.Funds.SingleAsync(f => f.Id == (charge.FundId ?? sponsorship.FundId), cancellationToken);
        var date = await journal.OpenDateAsync(calendar.Today, cancellationToken);
        if ((seen.FundsWithdrawn || seen.Status == "lost") && dispute.FundsWithdrawnAt is null)
        {
            dispute.FundsWithdrawnAt = calendar.UtcNow;
            await journal.PostAsync(DisputePostings.Withdrawn(dispute, fund, date), cancellationToken);
            charge.Status = ChargeStatus.Disputed;
            DisputeLog.Withdrawn(logger, seen.Id, dispute.AmountMinor, dispute.Currency, fund.Code);
            changes.Add($"dispute {seen.Id}: {dispute.Currency} {dispute.AmountMinor} withdrawn from {fund.Code}");
        }

        if (seen.FundsReinstated && dispute.FundsWithdrawnAt is not null && dispute.FundsReinstatedAt is null)
        {
            dispute.FundsReinstatedAt = calendar.UtcNow;
            var withdrawn = await db.JournalEntries.SingleAsync(e => e.IdempotencyKey == DisputePostings.WithdrawnKey(dispute.Id), cancellationToken);
            await journal.PostAsync(DisputePostings.Reinstated(dispute, fund, date, withdrawn.Id), cancellationToken);
            charge.Status = charge.AmountRefundedMinor >= charge.AmountMinor ? ChargeStatus.Refunded : ChargeStatus.Succeeded;
            DisputeLog.Reinstated(logger, seen.Id, dispute.AmountMinor, dispute.Currency, fund.Code);
            changes.Add($"dispute {seen.Id} won: {dispute.Currency} {dispute.AmountMinor} back to {fund.Code}");
        }

        if (!dispute.IsOpen && dispute.ClosedAt is null)
        {
            dispute.ClosedAt = calendar.UtcNow;
        }

        return changes;
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Disputes;
using Portal.Core.Funds;
using Portal.Core.Payments;
using Portal.Core.Refunds;
using Portal.Core.Sponsorships;

namespace Portal.Core.Reconciliation;

// Loads, in chunks, every record a payout's lines may name, so matching ten thousand lines costs a few queries.
public sealed partial class PayoutMatcher
{
    private async Task<LineRecords> RecordsAsync(string gateway, IReadOnlyList<GatewayBalanceLine> lines, CancellationToken cancellationToken)
    {
        var chargeIds = lines.Select(l => l.ChargeId).OfType<Guid>().Distinct().ToList();
        var intents = lines.Where(l => l.ChargeId is null).Select(l => l.PaymentIntentId).OfType<string>().Distinct().ToList();
        var refundIds = lines.Select(l => l.RefundId).OfType<Guid>().Distinct().ToList();
        var refundSources = lines.Where(l => l.SourceId?.StartsWith("re_", StringComparison.Ordinal) == true).Select(l => l.SourceId!).Distinct()
            .ToList();
        var disputeIds = lines.Select(l => l.DisputeId).OfType<string>().Distinct().ToList();

        var refunds = new List<Refund>();
        foreach (var chunk in refundIds.Chunk(Chunk))
        {
            refunds.AddRange(await db.Refunds.AsNoTracking().Where(r => chunk.Contains(r.Id)).ToListAsync(cancellationToken));
        }

        foreach (var chunk in refundSources.Chunk(Chunk))
        {
            refunds.AddRange(await db.Refunds.AsNoTracking().Where(r => chunk.Contains(r.GatewayRefundId!)).ToListAsync(cancellationToken));
        }

        var disputes = new List<Dispute>();
        foreach (var chunk in disputeIds.Chunk(Chunk))
        {
            disputes.AddRange(
                await db.Disputes.AsNoTracking()
                    .Where(d => d.Gateway == gateway && chunk.Contains(d.GatewayDisputeId))
                    .ToListAsync(cancellationToken));
        }

        chargeIds.AddRange(refunds.Select(r => r.ChargeId).Concat(disputes.Select(d => d.ChargeId)));
        var charges = new List<Charge>();
        foreach (var chunk in chargeIds.Distinct().Chunk(Chunk))
        {
            charges.AddRange(await db.Charges.AsNoTracking().Where(c => c.Gateway == gateway && chunk.Contains(c.Id)).ToListAsync(cancellationToken));
        }

        var gatewayCharges = lines.Where(l => l.ChargeId is null && l.SourceId is not null && (l.Type is "charge" or "payment"))
            .Select(l => l.SourceId!)
            .Distinct()
            .ToList();
        foreach (var chunk in gatewayCharges.Chunk(Chunk))
        {
            charges.AddRange(
                await db.Charges.AsNoTracking()
                    .Where(c => c.Gateway == gateway && chunk.Contains(c.GatewayChargeId!))
                    .ToListAsync(cancellationToken));
        }

        foreach (var chunk in intents.Chunk(Chunk))
        {
            charges.AddRange(
                await db.Charges.AsNoTracking()
                    .Where(c => c.Gateway == gateway && chunk.Contains(c.PaymentIntentId!))
                    .ToListAsync(cancellationToken));
        }

        var sponsorshipIds = charges.Where(c => c.FundId is null).Select(c => c.SponsorshipId).Distinct().ToList();
        var sponsorshipFunds = new Dictionary<Guid, Guid>();
        foreach (var chunk in sponsorshipIds.Chunk(Chunk))
        {
            foreach (var s in await db.Sponsorships.Where(s => chunk.Contains(s.Id)).Select(s => new { s.Id, s.FundId })
                .ToListAsync(cancellationToken))
            {
                sponsorshipFunds[s.Id] = s.FundId;
            }
        }

        var funds = await db.Funds.AsNoTracking().ToDictionaryAsync(f => f.Id, cancellationToken);
        return new LineRecords(charges.DistinctBy(c => c.Id).ToList(), refunds.DistinctBy(r => r.Id).ToList(), disputes, sponsorshipFunds, funds);
    }

    private sealed class LineRecords(
        List<Charge> charges,
        List<Refund> refunds,
        List<Dispute> disputes,
        Dictionary<Guid, Guid> sponsorshipFunds,
        Dictionary<Guid, Fund> funds)
    {
        private readonly Dictionary<Guid, Charge> byId = charges.ToDictionary(c => c.Id);
        private readonly Dictionary<string, Charge> byGatewayCharge = charges.Where(c => c.GatewayChargeId is not null)
            .GroupBy(c => c.GatewayChargeId!)
            .ToDictionary(g => g.Key, g => g.First());
        private readonly Dictionary<string, Charge> byIntent = charges.Where(c => c.PaymentIntentId is not null).GroupBy(c => c.PaymentIntentId!)
            .ToDictionary(g => g.Key, g => g.First());

        public Charge? ChargeById(Guid id) => byId.GetValueOrDefault(id);

        public Charge? Charge(GatewayBalanceLine line) =>
            line.ChargeId is { } id && byId.TryGetValue(id, out var charge) ? charge
            : line.SourceId is { } source && byGatewayCharge.TryGetValue(source, out var byCharge) ? byCharge
            : line.PaymentIntentId is { } intent ? byIntent.GetValueOrDefault(intent) : null;

        public Refund? Refund(GatewayBalanceLine line) =>
            refunds.FirstOrDefault(r => line.RefundId is { } id && r.Id == id) ?? refunds.FirstOrDefault(r => r.GatewayRefundId == line.SourceId);

        public Dispute? Dispute(GatewayBalanceLine line) => disputes.FirstOrDefault(d => d.GatewayDisputeId == line.DisputeId);

        public Fund FundOf(Charge charge) => funds[charge.FundId ?? sponsorshipFunds.GetValueOrDefault(charge.SponsorshipId)];
    }
}

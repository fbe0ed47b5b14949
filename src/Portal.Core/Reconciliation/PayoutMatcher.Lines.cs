using Portal.Core.Funds;
using Portal.Core.Ledger;
using Portal.Core.Payments;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;

namespace Portal.Core.Reconciliation;

/// <summary>Matching one line of each kind: a payment, a refund (or its failure), a dispute's withdrawal or reversal.</summary>
public sealed partial class PayoutMatcher
{
    private async Task MatchChargeAsync(
        Payout payout,
        PayoutLine line,
        GatewayBalanceLine seen,
        LineRecords records,
        DateOnly date,
        CancellationToken cancellationToken)
    {
        var charge = records.Charge(seen);
        if (charge is null)
        {
            Unmatched(payout, line, seen, $"A payment the portal has no record of ({seen.PaymentIntentId ?? seen.SourceId})");
            return;
        }

        line.Match = PayoutLineMatch.Charge;
        line.ChargeId = charge.Id;
        var fund = records.FundOf(charge);
        if (!charge.Status.CountsAsPaid())
        {
            exceptions.Raise(ExceptionKind.AmountDifference, $"line:{seen.Id}:status", payout, line,
                $"The gateway paid out a payment the portal records as {charge.Status.ToString().ToLowerInvariant()}", seen.Net, seen.Currency, charge
                    .Id, fund.Id);
            return;
        }

        var gross = charge.Amount;
        var bookedFee = new Money(charge.FeeMinor ?? 0, gross.Currency);
        if (!CheckAmount(payout, line, seen, gross, charge.Id, fund.Id))
        {
            return;
        }

        await PostAsync(SettlementPostings.Settle(line, gross, bookedFee, fund, date, charge.Id), cancellationToken);
        if (charge.BalanceTransactionId is null)
        {
            settled.Add((charge.Id, line, gross.Currency.Code == seen.Currency));
        }

        exceptions.CloseMissing(charge.Id, payout);
    }

    private async Task MatchRefundAsync(
        Payout payout,
        PayoutLine line,
        GatewayBalanceLine seen,
        LineRecords records,
        DateOnly date,
        CancellationToken cancellationToken)
    {
        var refund = records.Refund(seen);
        if (refund is null)
        {
            Unmatched(payout, line, seen, $"A {seen.Type} the portal has no record of ({seen.SourceId})");
            return;
        }

        line.Match = PayoutLineMatch.Refund;
        line.RefundId = refund.Id;
        line.ChargeId = refund.ChargeId;
        var fund = records.FundOf(records.ChargeById(refund.ChargeId)!);
        // A refund takes money out (−), a refund failure puts it back (+).
        var sign = seen.Type.Contains("failure", StringComparison.Ordinal) ? 1 : -1;
        var gross = new Money(sign * refund.AmountMinor, Currency.Of(refund.Currency));
        if (CheckAmount(payout, line, seen, gross, refund.ChargeId, fund.Id))
        {
            await PostAsync(SettlementPostings.Settle(line, gross, Money.Zero(gross.Currency), fund, date, refund.ChargeId), cancellationToken);
        }
    }

    private async Task MatchDisputeAsync(
        Payout payout,
        PayoutLine line,
        GatewayBalanceLine seen,
        LineRecords records,
        DateOnly date,
        CancellationToken cancellationToken)
    {
        var dispute = records.Dispute(seen);
        if (dispute is null)
        {
            Unmatched(payout, line, seen, $"A dispute the portal has no record of ({seen.SourceId}); its event may not have arrived yet");
            return;
        }

        line.Match = PayoutLineMatch.Dispute;
        line.DisputeId = dispute.Id;
        line.ChargeId = dispute.ChargeId;
        var fund = records.FundOf(records.ChargeById(dispute.ChargeId)!);
        var reversal = seen.Amount > 0;
        var gross = new Money((reversal ? 1 : -1) * dispute.AmountMinor, Currency.Of(dispute.Currency));
        // The dispute fee was booked when the funds were withdrawn; the reversal carries none.
        var bookedFee = reversal || dispute.FeeCurrency is null
            ? Money.Zero(Currency.Of(seen.Currency))
            : new Money(dispute.FeeMinor, Currency.Of(dispute.FeeCurrency));
        if (CheckAmount(payout, line, seen, gross, dispute.ChargeId, fund.Id))
        {
            await PostAsync(SettlementPostings.Settle(line, gross, bookedFee, fund, date, dispute.ChargeId), cancellationToken);
        }
    }

    /// <summary>
    /// In one currency the gateway's gross must equal ours to the minor unit. Converted, ours at the gateway's own
    /// rate may differ by rounding: one minor unit is accepted. A larger difference is an exception, not a posting.
    /// </summary>
    private bool CheckAmount(Payout payout, PayoutLine line, GatewayBalanceLine seen, Money ours, Guid chargeId, Guid fundId)
    {
        long expected = ours.Minor;
        var tolerance = 0L;
        if (ours.Currency.Code != seen.Currency)
        {
            var rate = seen.ExchangeRate ?? 0m;
            var settle = Currency.Of(seen.Currency);
            var major = ours.Minor / (decimal)ours.Currency.MinorPerMajor * rate;
            expected = (long)decimal.Round(major * settle.MinorPerMajor, 0, MidpointRounding.AwayFromZero);
            tolerance = 1;
        }

        var difference = seen.Amount - expected;
        if (Math.Abs(difference) <= tolerance)
        {
            return true;
        }

        line.DifferenceMinor = difference;
        exceptions.Raise(ExceptionKind.AmountDifference, $"line:{seen.Id}:difference", payout, line,
            $"The gateway's amount {new Money(seen.Amount, Currency.Of(seen.Currency))} differs from ours {ours}", difference, seen
                .Currency, chargeId, fundId);
        return false;
    }
}

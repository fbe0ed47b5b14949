using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Portal.Core.Shared;
using Stripe;

namespace Portal.Core.Payments.Stripe;

// Refunds, disputes and payouts.
public sealed partial class StripeGateway
{
    public async Task<RefundResult> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken)
    {
        var options = new RefundCreateOptions
        {
            PaymentIntent = request.PaymentIntentId,
            Amount = request.Amount.Minor,
            Reason = request.Reason,
            Metadata = new Dictionary<string, string>
            {
                [FinanceMetadata.RefundId] = request.RefundId.ToString(),
                [PaymentMetadata.ChargeId] = request.ChargeId.ToString(),
            },
        };
        try
        {
            var refund = await client.V1.Refunds.CreateAsync(options, Key(request.IdempotencyKey), cancellationToken);
            return new RefundResult.Accepted(StripeFinanceReading.Refund(refund));
        }
        catch (StripeException error) when (error.HttpStatusCode is HttpStatusCode.BadRequest or HttpStatusCode.PaymentRequired
            && error.StripeError?.Type != "idempotency_error")
        {
            return new RefundResult.Refused(error.StripeError?.Message ?? error.Message);
        }
        catch (Exception error) when (IsUnavailable(error, cancellationToken) || error is StripeException { StripeError.Type: "idempotency_error" })
        {
            PaymentLog.RefundUnanswered(logger, error, request.RefundId);
            return new RefundResult.Unavailable("The payment provider is not answering; the refund will be sent again shortly.");
        }
    }

    public async Task<GatewayRefund?> GetRefundAsync(string refundId, CancellationToken cancellationToken)
    {
        try
        {
            return StripeFinanceReading.Refund(await client.V1.Refunds.GetAsync(refundId, null, null, cancellationToken));
        }
        catch (StripeException error) when (error.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<GatewayRefund>> ListRefundsAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        var refunds = new List<GatewayRefund>();
        var options = new RefundListOptions { PaymentIntent = paymentIntentId, Limit = 100 };
        await foreach (var refund in client.V1.Refunds.ListAutoPagingAsync(options, null, cancellationToken))
        {
            refunds.Add(StripeFinanceReading.Refund(refund));
        }

        return refunds;
    }

    public async IAsyncEnumerable<GatewayRefund> ListRefundsSinceAsync(
        DateTimeOffset createdSince,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new RefundListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = createdSince.UtcDateTime }, Limit = 100 };
        await foreach (var refund in client.V1.Refunds.ListAutoPagingAsync(options, null, cancellationToken))
        {
            yield return StripeFinanceReading.Refund(refund);
        }
    }

    public async IAsyncEnumerable<GatewayDispute> ListDisputesSinceAsync(
        DateTimeOffset createdSince,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new DisputeListOptions
        {
            Created = new DateRangeOptions { GreaterThanOrEqual = createdSince.UtcDateTime },
            Limit = 100,
            Expand = ["data.balance_transactions", "data.charge"],
        };
        await foreach (var dispute in client.V1.Disputes.ListAutoPagingAsync(options, null, cancellationToken))
        {
            yield return StripeFinanceReading.Dispute(dispute);
        }
    }

    public async Task<GatewayDispute?> GetDisputeAsync(string disputeId, CancellationToken cancellationToken)
    {
        try
        {
            var options = new DisputeGetOptions { Expand = ["balance_transactions", "charge"] };
            return StripeFinanceReading.Dispute(await client.V1.Disputes.GetAsync(disputeId, options, null, cancellationToken));
        }
        catch (StripeException error) when (error.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<GatewayDispute>> ListDisputesAsync(string paymentIntentId, CancellationToken cancellationToken)
    {
        var disputes = new List<GatewayDispute>();
        var options = new DisputeListOptions { PaymentIntent = paymentIntentId, Limit = 100, Expand = ["data.balance_transactions", "data.charge"] };
        await foreach (var dispute in client.V1.Disputes.ListAutoPagingAsync(options, null, cancellationToken))
        {
            disputes.Add(StripeFinanceReading.Dispute(dispute));
        }

        return disputes;
    }

    public async Task<GatewayBalanceLine> WithSourceAsync(GatewayBalanceLine line, CancellationToken cancellationToken)
    {
        try
        {
            return line.SourceId switch
            {
                { } id when id.StartsWith("ch_", StringComparison.Ordinal) || id.StartsWith("py_", StringComparison.Ordinal) =>
                    await client.V1.Charges.GetAsync(id, null, null, cancellationToken) is var charge
                        ? line with { PaymentIntentId = charge.PaymentIntentId, ChargeId = PaymentMetadata.ChargeIdFrom(charge.Metadata) }
                        : line,
                { } id when id.StartsWith("re_", StringComparison.Ordinal) =>
                    await client.V1.Refunds.GetAsync(id, null, null, cancellationToken) is var refund
                        ? line with
                        {
                            PaymentIntentId = refund.PaymentIntentId,
                            ChargeId = PaymentMetadata.ChargeIdFrom(refund.Metadata),
                            RefundId = StripeFinanceReading.RefundIdFrom(refund.Metadata),
                        }
                        : line,
                _ => line,
            };
        }
        catch (StripeException error) when (error.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return line;
        }
    }

    public async Task<GatewayPayout?> GetPayoutAsync(string payoutId, CancellationToken cancellationToken)
    {
        try
        {
            return StripeFinanceReading.Payout(await client.V1.Payouts.GetAsync(payoutId, null, null, cancellationToken));
        }
        catch (StripeException error) when (error.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<GatewayPayout> ListPayoutsAsync(
        DateTimeOffset createdSince,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new PayoutListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = createdSince.UtcDateTime }, Limit = 100 };
        await foreach (var payout in client.V1.Payouts.ListAutoPagingAsync(options, null, cancellationToken))
        {
            yield return StripeFinanceReading.Payout(payout);
        }
    }

    public async IAsyncEnumerable<GatewayBalanceLine> ListPayoutLinesAsync(
        string payoutId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Not expanded: a payout's lines name our charges (ch_), refunds (re_) and disputes (du_) by the ids we keep, and
        // expanding every source made reading ten thousand lines parse ten thousand charges. WithSourceAsync reads the
        // few a caller cannot place.
        var options = new BalanceTransactionListOptions { Payout = payoutId, Limit = 100 };
        await foreach (var line in client.V1.BalanceTransactions.ListAutoPagingAsync(options, null, cancellationToken))
        {
            yield return StripeFinanceReading.Line(line);
        }
    }
}

/// <summary>The metadata keys our refunds carry besides the charge's.</summary>
public static class FinanceMetadata
{
    public const string RefundId = "refund_id";
}

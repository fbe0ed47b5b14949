using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;

namespace Portal.Core.Refunds;

/// <summary>
/// Staff refunds, in full or in part. The refund row (and the amount reserved on the charge) commits first; the gateway
/// is then asked with the row's key, so a crash, a timeout or a double click never refunds twice: an unanswered refund
/// stays <see cref="RefundStatus.Requested"/> and is sent again, with the same key, by <see cref="SendWaitingAsync"/>.
/// </summary>
public sealed class RefundDesk(
    PortalDbContext db, PaymentGateways gateways, RefundStates states, AuditLog audit, CharityCalendar calendar, ILogger<RefundDesk> logger)
{
    public static readonly IReadOnlyList<(string Code, string Label)> GatewayReasons =
    [
        ("requested_by_customer", "Requested by the donor"),
        ("duplicate", "Duplicate payment"),
        ("fraudulent", "Fraudulent payment"),
    ];

    public async Task<RefundOutcome> RefundAsync(RefundInput input, string actorId, string actorName, CancellationToken cancellationToken)
    {
        var charge = await db.Charges.SingleOrDefaultAsync(c => c.Id == input.ChargeId, cancellationToken);
        var problem = Check(input, charge, out var amount);
        if (problem is not null)
        {
            RefundLog.NotRecorded(logger, input.ChargeId, problem);
            return RefundOutcome.Problem(problem);
        }

        var refund = new Refund
        {
            ChargeId = charge!.Id,
            AmountMinor = amount.Minor,
            Currency = amount.Currency.Code,
            Reason = input.Reason!.Trim(),
            GatewayReason = input.GatewayReason,
            Status = RefundStatus.Requested,
            RequestedBy = actorName,
            RefundRequestId = input.RefundRequestId,
            CreatedAt = calendar.UtcNow,
        };
        charge.AmountRefundedMinor += amount.Minor;
        db.Refunds.Add(refund);
        if (input.RefundRequestId is { } requestId
            && await db.RefundRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken) is { } request)
        {
            request.Status = RefundRequestStatus.Refunded;
            request.RefundId = refund.Id;
            request.DecidedBy = actorName;
            request.DecidedAt = calendar.UtcNow;
            request.Decision = refund.Reason;
        }

        audit.Record(
            actorId,
            actorName,
            "refund.requested",
            charge.Id.ToString(),
            $"{amount.Currency.Code} {amount.Minor} refund {refund.Id}: {refund.Reason}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            RefundLog.NotRecorded(logger, charge.Id, "a concurrent change to the payment");
            return RefundOutcome.Problem(
                "Someone changed this payment at the same moment (another refund?). Reload it and check what is left to refund.");
        }

        RefundLog.Requested(logger, refund.Id, refund.AmountMinor, refund.Currency, charge.Id, actorName);
        return await SendAsync(refund.Id, cancellationToken);
    }

    /// <summary>Sends a recorded refund to the gateway (again, with the same key, if it was not answered).</summary>
    public async Task<RefundOutcome> SendAsync(Guid refundId, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginIdScope("RefundId", refundId);
        var refund = await db.Refunds.SingleAsync(r => r.Id == refundId, cancellationToken);
        if (refund.Status != RefundStatus.Requested)
        {
            return RefundOutcome.Done(refund);
        }

        var charge = await db.Charges.AsNoTracking().SingleAsync(c => c.Id == refund.ChargeId, cancellationToken);
        var gateway = gateways.FinanceNamed(charge.Gateway) ?? throw new InvalidOperationException($"Gateway {charge.Gateway} is not configured.");
        var request = new GatewayRefundRequest(
            refund.Id,
            charge.Id,
            charge.PaymentIntentId!,
            new Money(refund.AmountMinor, Currency.Of(refund.Currency)),
            refund.GatewayReason,
            refund.IdempotencyKey);
        var result = await gateway.RefundAsync(request, cancellationToken);
        RefundLog.Sent(logger, refund.Id);
        switch (result)
        {
            case RefundResult.Accepted accepted:
                await states.ApplyAsync(refund, accepted.Refund, cancellationToken);
                break;
            case RefundResult.Refused refused:
                RefundLog.Refused(logger, refund.Id, refused.Message);
                await states.ApplyAsync(refund, new GatewayRefund(
                    refund.GatewayRefundId ?? "",
                    charge.PaymentIntentId,
                    request.Amount,
                    GatewayRefundState.Failed,
                    refused.Message,
                    refund.Id), cancellationToken);
                break;
            case RefundResult.Unavailable unavailable:
                RefundLog.Unanswered(logger, refund.Id, unavailable.Message);
                return RefundOutcome.Waiting(refund, unavailable.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return RefundOutcome.Done(refund);
    }

    /// <summary>Every refund still waiting for the gateway's answer: the retry after an outage or a crash.</summary>
    public async Task<int> SendWaitingAsync(CancellationToken cancellationToken)
    {
        var waiting = await db.Refunds.Where(r => r.Status == RefundStatus.Requested).OrderBy(r => r.CreatedAt).Select(r => r.Id).Take(500)
            .ToListAsync(cancellationToken);
        foreach (var id in waiting)
        {
            db.ChangeTracker.Clear();
            await SendAsync(id, cancellationToken);
        }

        return waiting.Count;
    }

    private static string? Check(RefundInput input, Charge? charge, out Money amount)
    {
        amount = default;
        if (charge is null)
        {
            return "There is no such payment.";
        }

        if (!RefundEligibility.FinanceCanRefund(charge))
        {
            return "Only a payment that went through can be refunded.";
        }

        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            return "Give a reason for the refund; it is kept in the audit trail.";
        }

        if (input.Reason.Trim().Length > 500)
        {
            return "The reason is longer than 500 characters.";
        }

        if (input.GatewayReason is not null && GatewayReasons.All(r => r.Code != input.GatewayReason))
        {
            return "Choose the kind of refund from the list.";
        }

        var remaining = charge.AmountMinor - charge.AmountRefundedMinor;
        if (remaining <= 0)
        {
            return "This payment has already been refunded in full.";
        }

        if (string.IsNullOrWhiteSpace(input.Amount))
        {
            amount = new Money(remaining, charge.Amount.Currency);
            return null;
        }

        if (!Money.TryParseMajor(input.Amount.Trim(), charge.Amount.Currency, out amount) || amount.Minor <= 0)
        {
            return $"The amount must be a positive number with at most {charge.Amount.Currency.MinorDigits} decimals, like 25.00.";
        }

        return amount.Minor > remaining
            ? $"At most {new Money(remaining, charge.Amount.Currency).ToPlainString()} {charge.Currency} is left to refund on this payment."
            : null;
    }
}

/// <param name="Amount">In the payment's currency, major units ("25.00"); empty refunds what is left.</param>
public sealed record RefundInput(Guid ChargeId, string? Amount, string? Reason, string? GatewayReason, long? RefundRequestId = null);

public sealed record RefundOutcome(Refund? Refund, string? Message)
{
    public static RefundOutcome Problem(string message) => new(null, message);

    public static RefundOutcome Waiting(Refund refund, string message) => new(refund, message);

    public static RefundOutcome Done(Refund refund) => new(refund, null);
}

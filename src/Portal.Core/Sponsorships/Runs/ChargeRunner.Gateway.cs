using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments;
using Portal.Core.Shared;
using Portal.Core.Sponsorships.Dunning;

namespace Portal.Core.Sponsorships.Runs;

/// <summary>The run's second stage: the gateway, paced, with retries of the same request.</summary>
public sealed partial class ChargeRunner
{
    // ---- Stage 2: the gateway, paced ---------------------------------------------------------------------------

    private async Task SendAsync(
        ChannelReader<ChargeWork> work,
        ChannelWriter<ChargeAnswer> answers,
        GatewayPacer pacer,
        CancellationToken cancellationToken)
    {
        await foreach (var item in work.ReadAllAsync(cancellationToken))
        {
            var gateway = gateways.Named(item.Gateway)
                ?? throw new InvalidOperationException(
                    $"Charge {item.Request.ChargeId} belongs to gateway '{item.Gateway}', which is not configured.");
            ChargeAnswer answer;
            using (logger.BeginIdScope("ChargeId", item.Request.ChargeId))
            {
                answer = await AskAsync(gateway, item, pacer, cancellationToken);
                LogAnswer(answer);
            }

            await answers.WriteAsync(answer, cancellationToken);
        }
    }

    private async Task<ChargeAnswer> AskAsync(IPaymentGateway gateway, ChargeWork item, GatewayPacer pacer, CancellationToken cancellationToken)
    {
        var lookUp = item.LookUpFirst;
        for (var tries = 1; ; tries++)
        {
            await pacer.WaitAsync(cancellationToken);

            OffSessionChargeResult result;
            if (lookUp)
            {
                // A lost answer is found again at the gateway, never by charging blindly.
                var (found, problem) = await FindAsync(gateway, item.Request, cancellationToken);
                if (problem is null)
                {
                    if (found is not null)
                    {
                        ChargeRunLog.FoundAtGateway(logger, item.Request.ChargeId);
                        return new ChargeAnswer(item.Request.ChargeId, item.Request.Attempt, Read(found), found, Resolved: true);
                    }

                    // The gateway never saw it: send it now, with the attempt's own key.
                    lookUp = false;
                    continue;
                }

                result = problem;
            }
            else
            {
                result = await gateway.ChargeSavedMethodAsync(item.Request, cancellationToken);
                if (result is not OffSessionChargeResult.Transient)
                {
                    return new ChargeAnswer(item.Request.ChargeId, item.Request.Attempt, result, null, item.LookUpFirst);
                }
            }

            if (tries >= settings.MaxTransientTries)
            {
                // Left in flight; the next run looks it up after UnansweredAfter.
                return new ChargeAnswer(item.Request.ChargeId, item.Request.Attempt, result, null, item.LookUpFirst);
            }

            await Task.Delay(Backoff(tries), cancellationToken);
        }
    }

    private async Task<(PaymentLookup? Found, OffSessionChargeResult? Problem)> FindAsync(
        IPaymentGateway gateway,
        OffSessionChargeRequest request,
        CancellationToken cancellationToken)
    {
        try
        {
            return (await gateway.FindOffSessionChargeAsync(request, cancellationToken), null);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ChargeRunLog.LookUpFailed(logger, error, request.ChargeId);
            return (null, new OffSessionChargeResult.Transient(error.Message));
        }
    }

    private void LogAnswer(ChargeAnswer answer)
    {
        switch (answer.Result)
        {
            case OffSessionChargeResult.Succeeded:
                PaymentLog.ChargeSucceeded(logger, answer.ChargeId);
                telemetry.Charge(ChargeOutcome.Succeeded);
                break;
            case OffSessionChargeResult.Processing:
                PaymentLog.ChargeProcessing(logger, answer.ChargeId);
                telemetry.Charge(ChargeOutcome.Processing);
                break;
            case OffSessionChargeResult.Declined declined:
                PaymentLog.ChargeDeclined(logger, answer.ChargeId, declined.DeclineCode, declined.Message);
                telemetry.Charge(ChargeOutcome.Declined);
                break;
            case OffSessionChargeResult.AuthenticationRequired required:
                PaymentLog.ChargeDeclined(logger, answer.ChargeId, "authentication_required", required.Message);
                telemetry.Charge(ChargeOutcome.RequiresAction);
                break;
            case OffSessionChargeResult.Transient transient:
                PaymentLog.ChargeUncertain(logger, answer.ChargeId, transient.Reason);
                telemetry.Charge(ChargeOutcome.Uncertain);
                break;
        }
    }

    /// <summary>Exponential with full jitter, so senders that were turned away together do not return together.</summary>
    private TimeSpan Backoff(int tries)
    {
        var ceiling = settings.TransientBackoff.TotalMilliseconds * Math.Pow(2, tries - 1);
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    /// <summary>What a found payment means for the attempt that made it.</summary>
    internal static OffSessionChargeResult Read(PaymentLookup payment) => payment.State switch
    {
        PaymentState.Succeeded => new OffSessionChargeResult.Succeeded(payment.PaymentIntentId, payment.GatewayChargeId),
        PaymentState.Processing => new OffSessionChargeResult.Processing(payment.PaymentIntentId),
        _ when payment.DeclineCode == DeclineCodes.AuthenticationRequired =>
            new OffSessionChargeResult.AuthenticationRequired(
                payment.PaymentIntentId,
                payment.FailureMessage ?? "The bank asks the donor to confirm this payment."),
        PaymentState.Failed or PaymentState.Open when payment.DeclineCode is not null =>
            new OffSessionChargeResult.Declined(
                payment.PaymentIntentId,
                payment.DeclineCode,
                payment.FailureMessage ?? payment.DeclineCode,
                DeclineCodes.Classify(payment.DeclineCode)),
        _ => new OffSessionChargeResult.Transient($"The gateway's payment {payment.PaymentIntentId} is still open."),
    };
}

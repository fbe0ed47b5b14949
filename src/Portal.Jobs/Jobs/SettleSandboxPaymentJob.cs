using Hangfire;
using Portal.Core.Payments.Sandbox;

namespace Portal.Jobs.Jobs;

/// <summary>The sandbox's pretend bank answering a SEPA debit. Does nothing if the payment was already settled.</summary>
public sealed class SettleSandboxPaymentJob(SandboxPayments payments)
{
    [Queue(JobQueues.Events)]
    [AutomaticRetry(Attempts = 5)]
    public Task Run(string paymentId, CancellationToken cancellationToken) => payments.SettleAsync(paymentId, cancellationToken);
}

using Hangfire;
using Portal.Core.Reconciliation;
using Portal.Core.Reconciliation.Bank;
using Portal.Core.Refunds;

namespace Portal.Jobs.Jobs;

/// <summary>
/// Nightly: imports the recent payouts (a <c>payout.paid</c> event imports its own at once; this catches a missed
/// one), flags payments no payout settled, sends again any refund whose answer was lost, and
/// matches payouts to bank lines (flagging payouts that never arrived). Each step is idempotent.
/// </summary>
public sealed class ReconcilePayoutsJob(PayoutImport payouts, MissingPayouts missing, RefundDesk refunds, MatchPayoutsToBank bank)
{
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task Run(CancellationToken cancellationToken)
    {
        await refunds.SendWaitingAsync(cancellationToken);
        await payouts.ImportRecentAsync(cancellationToken);
        await missing.FlagAsync(cancellationToken);
        // New payouts may match bank lines imported earlier; payouts the bank never showed are flagged.
        await bank.RunAsync("system", "nightly reconciliation", cancellationToken);
    }
}

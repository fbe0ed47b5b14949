using Portal.Core.Hosting;

namespace Portal.Core.Payments.Events;

/// <summary>An attempt's result, and how many receipts it queued.</summary>
internal sealed record Applied(ApplyResult Result, int Receipts);

/// <summary>
/// Asks for the queued receipts to be sent (one job sends all of them) at most once a second while a batch runs, and
/// once at its end: not once per receipt, which at a storm was a job per event.
/// </summary>
internal sealed class ReceiptNudges(IBackgroundWork work)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private long lastNudge = System.Diagnostics.Stopwatch.GetTimestamp();
    private int waiting;

    public void Add(int receipts)
    {
        waiting += receipts;
        if (waiting > 0 && System.Diagnostics.Stopwatch.GetElapsedTime(lastNudge) >= Every)
        {
            Flush();
        }
    }

    public void Flush()
    {
        if (waiting > 0)
        {
            work.SendQueuedEmails();
            waiting = 0;
            lastNudge = System.Diagnostics.Stopwatch.GetTimestamp();
        }
    }
}

namespace Portal.Core.Sponsorships.Runs;

/// <summary>
/// Paces one worker's share of the run's gateway requests: a token bucket holding a tenth of a second's requests,
/// whose rate changes when workers join or leave the run, so all of them together stay near Charges:RequestsPerSecond.
/// </summary>
internal sealed class GatewayPacer(double requestsPerSecond, TimeProvider time) : IDisposable
{
    private readonly double whole = requestsPerSecond;
    private readonly SemaphoreSlim turn = new(1, 1);
    private double rate = requestsPerSecond;
    private double tokens = Math.Max(1, requestsPerSecond / 10);
    private long refilledAt = time.GetTimestamp();

    public double Rate => Volatile.Read(ref rate);

    /// <summary>This worker's share of the whole: the run's rate divided among its live workers.</summary>
    public void Share(int workers) => Volatile.Write(ref rate, whole / Math.Max(1, workers));

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        // One waiter at a time, so the requests leave in the order they asked.
        await turn.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var now = time.GetTimestamp();
                var perSecond = Rate;
                var capacity = Math.Max(1, perSecond / 10);
                tokens = Math.Min(capacity, tokens + (time.GetElapsedTime(refilledAt, now).TotalSeconds * perSecond));
                refilledAt = now;
                if (tokens >= 1)
                {
                    tokens--;
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds((1 - tokens) / perSecond), time, cancellationToken);
            }
        }
        finally
        {
            turn.Release();
        }
    }

    public void Dispose() => turn.Dispose();
}

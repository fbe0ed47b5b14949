namespace Portal.Web.Tests.Browser;

/// <summary>
/// An injected fault: a slow database, gateway or relay that holds work at one point until the test lets it pass, so a
/// test sees each step of a long job in turn. Open until <see cref="Close"/>: what happens before (the seeding) passes.
/// </summary>
public sealed class Hold : IDisposable
{
    private readonly SemaphoreSlim passes = new(0);
    private volatile bool closed;
    private int waiting;

    /// <summary>How many are held now.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>From now on everything that comes is held.</summary>
    public void Close() => closed = true;

    /// <summary>Lets <paramref name="count"/> of those held (or to come) pass.</summary>
    public void Let(int count) => passes.Release(count);

    /// <summary>Lets everything pass, now and from now on.</summary>
    public void Open()
    {
        closed = false;
        passes.Release(1_000);
    }

    /// <summary>Waits until at least <paramref name="count"/> are held.</summary>
    public async Task HoldingAsync(int count = 1)
    {
        var patience = DateTime.UtcNow.AddSeconds(60);
        while (Waiting < count)
        {
            Assert.True(DateTime.UtcNow < patience, $"{Waiting} held after a minute, not {count}");
            await Task.Delay(20);
        }
    }

    public void Dispose() => passes.Dispose();

    /// <summary>Where the held work stops: returns at once while the hold is open.</summary>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        if (!closed)
        {
            return;
        }

        Interlocked.Increment(ref waiting);
        try
        {
            // A test that failed before letting it pass is not waited for: after a minute it passes by itself, so the
            // portal can stop (its mail senders, for one, are not cancelled while they hand over a message).
            await passes.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }
}

using Microsoft.Extensions.Options;

namespace Portal.Core.Payments.Peaks;

/// <summary>
/// This node's count of sponsor forms on their way to the gateway. A form that finds it full is not queued (a donor
/// waiting on a spinner leaves): it is answered at once and asked to try again. One per process (a singleton).
/// </summary>
public sealed class CheckoutGate(IOptions<PeakOptions> options)
{
    private int inside;

    public int Inside => Volatile.Read(ref inside);

    /// <summary>A place, or null when the node already starts as many checkouts as it may; dispose it when done.</summary>
    public IDisposable? TryEnter()
    {
        if (Interlocked.Increment(ref inside) > options.Value.MaxConcurrentCheckouts)
        {
            Interlocked.Decrement(ref inside);
            return null;
        }

        return new Place(this);
    }

    private sealed class Place(CheckoutGate gate) : IDisposable
    {
        private int left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref left, 1) == 0)
            {
                Interlocked.Decrement(ref gate.inside);
            }
        }
    }
}

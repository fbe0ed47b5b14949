using System.Diagnostics;

namespace Portal.Testing;

/// <summary>
/// Waits for a condition instead of sleeping a fixed time: returns as soon as it holds, and fails with
/// <c>what</c> when it does not hold within the timeout (10 s unless told).
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        ValueAsync(() => Task.FromResult(condition()), done => done, what, timeout);

    /// <summary>Reads a value until <paramref name="done"/> holds for it, and returns that value.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {what}.");
            }

            await Task.Delay(Poll);
        }
    }
}

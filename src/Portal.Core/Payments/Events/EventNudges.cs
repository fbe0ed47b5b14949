namespace Portal.Core.Payments.Events;

/// <summary>
/// Wakes this process's event appliers when an event was stored here, so they need not wait for their next poll. In
/// memory only: the event is in the database already, and appliers in other processes find it by polling.
/// </summary>
public sealed class EventNudges
{
    private TaskCompletionSource next = New();

    /// <summary>Completes at the next <see cref="Nudge"/>. Taken before looking for work, so a nudge meanwhile is not lost.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    public void Nudge() => Interlocked.Exchange(ref next, New()).TrySetResult();

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

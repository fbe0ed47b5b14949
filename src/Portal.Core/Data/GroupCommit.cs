namespace Portal.Core.Data;

/// <summary>
/// Small writes that arrive at about the same time, done together in one commit (a group commit, decisions 039 and
/// 046). The first caller to find no commit running commits its own item and every one that arrived meanwhile (at most
/// <c>maxBatch</c>); the others wait for that commit. Under a peak one commit then carries many items, where each had
/// taken its own turn at the database's single writer; a lone item is committed at once.
/// <para>
/// <c>commitAsync</c> completes every item of the batch it is given. An item it leaves open, or every item of a batch
/// whose commit throws, fails with the error, as it would have failed alone. The commit runs to its end for everyone in
/// it: a caller that gives up (its request aborted) still has its item committed.
/// </para>
/// </summary>
public sealed class GroupCommit<TItem, TResult>(int maxBatch, Func<IReadOnlyList<GroupCommit<TItem, TResult>.Pending>, Task> commitAsync)
    : IDisposable
{
    private readonly SemaphoreSlim committing = new(1, 1);
    private readonly Lock waitingLock = new();
    private readonly List<Pending> waiting = [];

    /// <summary>Commits <paramref name="item"/>, alone or with others waiting, and answers what its commit said of it.</summary>
    public async Task<TResult> CommitAsync(TItem item, CancellationToken cancellationToken)
    {
        var mine = new Pending(item);
        lock (waitingLock)
        {
            waiting.Add(mine);
        }

        await committing.WaitAsync(CancellationToken.None);
        try
        {
            // More than a batch may wait ahead of this item: commit batches until it is in one.
            while (!mine.Result.Task.IsCompleted)
            {
                await CommitWaitingAsync();
            }
        }
        finally
        {
            committing.Release();
        }

        return await mine.Result.Task.WaitAsync(cancellationToken);
    }

    public void Dispose() => committing.Dispose();

    private async Task CommitWaitingAsync()
    {
        List<Pending> batch;
        lock (waitingLock)
        {
            batch = waiting.Take(maxBatch).ToList();
            waiting.RemoveRange(0, batch.Count);
        }

        try
        {
            await commitAsync(batch);
        }
        catch (Exception error)
        {
            foreach (var one in batch)
            {
                one.Result.TrySetException(error);
            }
        }

        foreach (var one in batch.Where(one => !one.Result.Task.IsCompleted))
        {
            one.Result.TrySetException(new InvalidOperationException("A group commit left an item without an answer."));
        }
    }

    /// <summary>One caller's item in a batch, and its answer.</summary>
    public sealed class Pending(TItem item)
    {
        public TItem Item { get; } = item;

        public TaskCompletionSource<TResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

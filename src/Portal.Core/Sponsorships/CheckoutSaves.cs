using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Donors;
using Pending = Portal.Core.Data.GroupCommit<Portal.Core.Sponsorships.StartedGift, bool>.Pending;

namespace Portal.Core.Sponsorships;

/// <summary>
/// Saves the rows of the gifts started at about the same time (a new donor, the pending sponsorship, its first charge)
/// in one transaction: a group commit (decision 046). At an appeal's peak each sponsor form's save had taken its own
/// turn at SQLite's single writer, with a commit that waits for the disk.
/// <para>
/// When the batch's save fails on a unique index (two forms of one new donor at once, or a donor saved at the same
/// moment by another node), each gift is saved on its own instead, and the one that fails gets the error, as it would
/// have alone. A gift's rows are committed whether or not its request is still there: its checkout exists at the
/// gateway already.
/// </para>
/// </summary>
public sealed class CheckoutSaves : IDisposable
{
    /// <summary>At most this many gifts in one commit.</summary>
    public const int MaxBatch = 32;

    private readonly IDbContextFactory<PortalDbContext> contexts;
    private readonly GroupCommit<StartedGift, bool> commits;

    public CheckoutSaves(IDbContextFactory<PortalDbContext> contexts)
    {
        this.contexts = contexts;
        commits = new(MaxBatch, SaveBatchAsync);
    }

    /// <summary>Saves <paramref name="gift"/>'s rows; throws what its save threw when it could not be saved.</summary>
    public Task SaveAsync(StartedGift gift, CancellationToken cancellationToken) => commits.CommitAsync(gift, cancellationToken);

    public void Dispose() => commits.Dispose();

    private async Task SaveBatchAsync(IReadOnlyList<Pending> batch)
    {
        if (batch.Count > 1)
        {
            try
            {
                await SaveTogetherAsync(batch);
                foreach (var one in batch)
                {
                    one.Result.TrySetResult(true);
                }

                return;
            }
            catch (DbUpdateException)
            {
                // One of them conflicts with a row saved meanwhile: save each on its own, so only that one fails.
            }
        }

        foreach (var one in batch)
        {
            try
            {
                await SaveTogetherAsync([one]);
                one.Result.TrySetResult(true);
            }
            catch (Exception error)
            {
                one.Result.TrySetException(error);
            }
        }
    }

    private async Task SaveTogetherAsync(IReadOnlyList<Pending> batch)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        foreach (var (newDonor, sponsorship, charge) in batch.Select(one => one.Item))
        {
            if (newDonor is not null)
            {
                db.Donors.Add(newDonor);
            }

            db.Sponsorships.Add(sponsorship);
            db.Charges.Add(charge);
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }
}

/// <summary>What starting one gift stores: the donor when they are new, the pending sponsorship and its first charge.</summary>
public sealed record StartedGift(Donor? NewDonor, Sponsorship Sponsorship, Charge Charge);

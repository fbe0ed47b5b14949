using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships;

namespace Portal.Core.Funds;

/// <summary>
/// Moves the running sponsorships of a closed fund to another open fund (decision 031). <see cref="StartAsync"/>
/// checks the target and records the move with its reason; <see cref="RunAsync"/> (a job, safe to run again) moves the
/// sponsorships in batches, each batch saved with one audit record and one e-mail per sponsorship, keyed by the move
/// and the sponsorship, so no sponsor is told twice. Past charges keep their fund: the ledger is not touched.
/// </summary>
public sealed class MoveFundSponsorships(
    PortalDbContext db, AuditLog audit, CharityCalendar calendar, SponsorshipChangeEmails emails, IBackgroundWork work)
{
    public const int BatchSize = 500;

    public const string Stale = "The fund has changed since this page was shown, or its move has begun already. Look at the page again.";

    /// <returns>The move, or why it cannot start (the editor shows it).</returns>
    public async Task<(Guid? MoveId, string? Refusal)> StartAsync(
        Guid fundId, int fundVersion, string? targetSlug, string? reason, string actorId, string actorName, CancellationToken cancellationToken)
    {
        var fund = await db.Funds.SingleOrDefaultAsync(f => f.Id == fundId, cancellationToken);
        if (fund is null)
        {
            return (null, "There is no such fund.");
        }

        if (fund.Version != fundVersion)
        {
            return (null, Stale);
        }

        if (await RefusalAsync(fund, targetSlug, reason, cancellationToken) is { } refused)
        {
            return (null, refused);
        }

        var target = await db.Funds.AsNoTracking().SingleAsync(f => f.Slug == targetSlug, cancellationToken);
        var move = new FundMove
        {
            FromFundId = fund.Id,
            ToFundId = target.Id,
            Reason = reason!.Trim(),
            ActorId = actorId,
            ActorName = actorName,
            CreatedAt = calendar.UtcNow,
            Total = await Running(fund.Id).CountAsync(cancellationToken),
        };
        db.FundMoves.Add(move);
        // A second post of the same form (a double click) is stale once this one is saved.
        db.Entry(fund).Property(f => f.Version).IsModified = true;
        audit.Record(actorId, actorName, "fund.sponsorships-moved", $"fund:{fund.Id}",
            $"{fund.Code} -> {target.Code}: {move.Total} running sponsorship(s); move {move.Id}; reason: {move.Reason}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (null, Stale);
        }

        work.MoveFundSponsorships(move.Id);
        return (move.Id, null);
    }

    /// <summary>The newest move of the fund, for the editor's progress line.</summary>
    public Task<FundMove?> LatestAsync(Guid fundId, CancellationToken cancellationToken) =>
        db.FundMoves.AsNoTracking().Where(m => m.FromFundId == fundId).OrderByDescending(m => m.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Carries on every move not finished yet (the recurring sweep after a lost nudge or a restart).</summary>
    public async Task RunUnfinishedAsync(CancellationToken cancellationToken)
    {
        foreach (var id in await db.FundMoves.AsNoTracking().Where(m => m.FinishedAt == null).Select(m => m.Id).ToListAsync(cancellationToken))
        {
            await RunAsync(id, cancellationToken);
        }
    }

    /// <summary>
    /// Moves what is still in the old fund, a batch per save with nothing else tracked. Each sponsorship's version is
    /// checked, so a donor's change or another run of this job at the same moment makes the batch start again from
    /// what is left; a sponsorship moved and told once is not found again.
    /// </summary>
    public async Task RunAsync(Guid moveId, CancellationToken cancellationToken)
    {
        for (var lost = 0; ;)
        {
            db.ChangeTracker.Clear();
            var move = await db.FundMoves.SingleOrDefaultAsync(m => m.Id == moveId, cancellationToken);
            if (move is null || move.FinishedAt is not null)
            {
                return;
            }

            var names = await db.Funds.AsNoTracking().Where(f => f.Id == move.FromFundId || f.Id == move.ToFundId)
                .ToDictionaryAsync(f => f.Id, f => f.Name, cancellationToken);
            var batch = await (from s in Running(move.FromFundId)
                               join donor in db.Donors on s.DonorId equals donor.Id
                               orderby s.Id
                               select new { Sponsorship = s, Donor = donor }).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var row in batch)
            {
                var s = row.Sponsorship;
                s.FundId = move.ToFundId;
                audit.Record(move.ActorId, move.ActorName, "sponsorship.fund-changed", $"sponsorship:{s.Id}",
                    $"fund {move.FromFundId} -> {move.ToFundId}; move {move.Id}; reason: {move.Reason}");
                if (row.Donor.ErasedAt is null)
                {
                    await emails.QueueFundMovedAsync(row.Donor, s, names[move.ToFundId], names[move.FromFundId], move.Id, cancellationToken);
                }
            }

            move.Moved += batch.Count;
            move.FinishedAt = batch.Count < BatchSize ? calendar.UtcNow : null;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (++lost < 10)
            {
                // Another run or a donor's change got there first: look again at what is left.
                continue;
            }

            lost = 0;
            if (batch.Count > 0)
            {
                work.SendQueuedEmails();
            }
        }
    }

    private IQueryable<Sponsorship> Running(Guid fundId) =>
        db.Sponsorships.Where(s => s.FundId == fundId && s.Interval != SponsorshipInterval.Once && SponsorshipStatuses.Running.Contains(s.Status));

    private async Task<string?> RefusalAsync(Fund fund, string? targetSlug, string? reason, CancellationToken cancellationToken)
    {
        if (fund.Status != FundStatus.Closed)
        {
            return "Close the fund first: only a closed fund's sponsorships can be moved.";
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > FundMove.ReasonMaxLength)
        {
            return "Give the reason for the move (at most 500 characters); it is kept in the audit trail.";
        }

        if (await db.FundMoves.AnyAsync(m => m.FromFundId == fund.Id && m.FinishedAt == null, cancellationToken))
        {
            return "A move of this fund's sponsorships is already going on.";
        }

        var target = await db.Funds.AsNoTracking().SingleOrDefaultAsync(f => f.Slug == targetSlug, cancellationToken);
        if (target is null || target.Id == fund.Id || target.Status != FundStatus.Open)
        {
            return "Choose an open fund to move the sponsorships to.";
        }

        if (target.Currency != fund.Currency)
        {
            return "The fund to move to must keep its books in the same currency.";
        }

        var intervals = await Running(fund.Id).Select(s => s.Interval).Distinct().ToListAsync(cancellationToken);
        return intervals.All(i => target.Intervals.Offers(i))
            ? null
            : "The fund to move to does not take gifts as often as some of these sponsorships give.";
    }
}

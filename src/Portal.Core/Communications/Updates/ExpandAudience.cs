using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships;

namespace Portal.Core.Communications.Updates;

/// <summary>
/// Writes an update's audience out as one <see cref="UpdateDelivery"/> per donor, with what the message will say to
/// them (their fund, what they gave this year), in one transaction that also marks the update expanded. A crash
/// leaves nothing; a second run finds it expanded and adds nobody; two at once cannot both commit (unique index and
/// version check).
/// </summary>
public sealed class ExpandAudience(IDbContextFactory<PortalDbContext> contexts, CharityCalendar calendar)
{
    private const int Chunk = 1_000;

    /// <returns>The number of recipients, or null when the update was already expanded (or is not being sent).</returns>
    public async Task<int?> RunAsync(Guid updateId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var update = await db.ImpactUpdates.SingleAsync(u => u.Id == updateId, cancellationToken);
        if (update.ExpandedAt is not null || update.Status != UpdateStatus.Sending)
        {
            return null;
        }

        var now = calendar.UtcNow;
        var yearStart = new DateOnly(calendar.Today.Year, 1, 1);
        var given = await GivenThisYearAsync(db, update.FundId, yearStart, cancellationToken);
        // The audience's keys in one pass (16 bytes a donor), then their details a chunk at a time: paging the audience
        // query itself by key made the database re-evaluate every earlier donor for each page.
        var ids = await UpdateAudience.Donors(db, update, now).Select(d => d.Id).ToListAsync(cancellationToken);
        ids.Sort();
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var page = await db.Donors.AsNoTracking().Where(d => chunk.Contains(d.Id))
                .Select(d => new
                {
                    d.Id,
                    d.Email,
                    d.Name,
                    d.Language,
                    FundId = update.FundId ?? db.Sponsorships.Where(s => s.DonorId == d.Id).OrderByDescending(s => s.CreatedAt)
                        .Select(s => (Guid?)s.FundId)
                        .FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            var batch = page.Select(donor =>
            {
                given.TryGetValue(donor.Id, out var gift);
                return new UpdateDelivery
                {
                    UpdateId = update.Id,
                    DonorId = donor.Id,
                    ToAddress = donor.Email,
                    ToName = donor.Name,
                    Language = donor.Language,
                    FundId = donor.FundId,
                    GivenThisYearMinor = gift.Minor,
                    GivenCurrency = gift.Currency,
                    NextAttemptAt = now,
                };
            }).ToList();
            db.UpdateDeliveries.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            batch.ForEach(delivery => db.Entry(delivery).State = EntityState.Detached);
        }

        var count = ids.Count;
        update.ExpandedAt = now;
        update.RecipientCount = count;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>Per donor, what they gave (to the fund, if the update has one) since 1 January, in their largest currency.</summary>
    private static async Task<Dictionary<Guid, (long Minor, string? Currency)>> GivenThisYearAsync(
        PortalDbContext db,
        Guid? fundId,
        DateOnly yearStart,
        CancellationToken cancellationToken)
    {
        var sums = await (
            from charge in db.Charges
            join sponsorship in db.Sponsorships on charge.SponsorshipId equals sponsorship.Id
            where (charge.Status == ChargeStatus.Succeeded || charge.Status == ChargeStatus.Refunded)
                && charge.PeriodStart >= yearStart && (fundId == null || (charge.FundId ?? sponsorship.FundId) == fundId)
            group charge by new { sponsorship.DonorId, charge.Currency } into gifts
            select new { gifts.Key.DonorId, gifts.Key.Currency, Minor = gifts.Sum(c => c.AmountMinor - c.AmountRefundedMinor) })
            .ToListAsync(cancellationToken);
        return sums.GroupBy(s => s.DonorId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Minor).Select(s => (s.Minor, (string?)s.Currency)).First());
    }
}

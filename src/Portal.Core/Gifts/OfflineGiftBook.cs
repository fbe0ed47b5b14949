using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Donors.Care;
using Portal.Core.Hosting;
using Portal.Core.Ledger;

namespace Portal.Core.Gifts;

/// <summary>What recording one gift did: the gift (also when the same form had recorded it already), or every problem.</summary>
public sealed record OfflineGiftResult(OfflineGift? Gift, string? ReceiptNumber, bool AlreadyRecorded, IReadOnlyList<GiftProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Finance records a gift that came by bank transfer, cheque or cash, for an existing or a new donor. The form's token
/// is the gift's id, so a second submit of the same form (a double click, a reload) finds the gift instead of adding
/// one. Posted by <see cref="OfflineGiftPosting"/>, audited under the donor, in one transaction.
/// </summary>
public sealed class OfflineGiftBook(PortalDbContext db, OfflineGiftPosting posting, Journal journal, AuditLog audit, CharityCalendar calendar)
{
    public async Task<OfflineGiftResult> RecordAsync(
        Guid token, OfflineGiftInput input, string actorId, string actorName, CancellationToken cancellationToken)
    {
        if (await ByTokenAsync(token, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var funds = await db.Funds.AsNoTracking().ToListAsync(cancellationToken);
        var known = await GiftDonors.KnownAsync(db, [input.Email], cancellationToken);
        var problems = new List<GiftProblem>();
        var gift = OfflineGiftRules.Check(input, 0, funds, known, calendar.Today, await journal.LockDateAsync(cancellationToken), problems);
        if (gift is null)
        {
            return new OfflineGiftResult(null, null, false, problems);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var donor = GiftDonors.For(db, gift, known, calendar.UtcNow);
            var (offline, charge) = await posting.PostAsync(
                new GiftToPost(donor, gift.Fund, gift.Amount, gift.ReceivedOn, gift.Method, Token: token), actorName, cancellationToken);
            audit.Record(actorId, actorName, "gift.offline-recorded", DonorCare.Subject(donor.Id),
                $"{OfflineGiftPosting.Describe(gift.Method)} of {gift.Amount} received {gift.ReceivedOn:yyyy-MM-dd} for {gift.Fund.Code}, "
                    + $"receipt {charge.ReceiptNumber}.");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new OfflineGiftResult(offline, charge.ReceiptNumber, false, []);
        }
        catch (DbUpdateException)
        {
            // Two submits of one form at once: the other one's insert of the same token won; show its gift.
            db.ChangeTracker.Clear();
            return await ByTokenAsync(token, cancellationToken)
                ?? new OfflineGiftResult(null, null, false, [new GiftProblem(0, "", "Someone changed the same records a moment ago; try again.")]);
        }
    }

    private async Task<OfflineGiftResult?> ByTokenAsync(Guid token, CancellationToken cancellationToken)
    {
        var earlier = await db.OfflineGifts.AsNoTracking().Where(g => g.Id == token)
            .Join(db.Charges, g => g.ChargeId, c => c.Id, (g, c) => new { Gift = g, c.ReceiptNumber })
            .FirstOrDefaultAsync(cancellationToken);
        return earlier is null ? null : new OfflineGiftResult(earlier.Gift, earlier.ReceiptNumber, true, []);
    }
}

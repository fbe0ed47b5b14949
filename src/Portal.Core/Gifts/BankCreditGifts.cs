using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Donors.Care;
using Portal.Core.Hosting;
using Portal.Core.Reconciliation;
using Portal.Core.Reconciliation.Bank;
using Portal.Core.Shared;

namespace Portal.Core.Gifts;

/// <summary>A page of the credits waiting to be booked as gifts, newest first, with how many wait in all.</summary>
public sealed record CreditQueue(IReadOnlyList<CreditOffer> Offers, int Total, int Page, int PageSize);

/// <summary>What booking one line did: the gift's receipt number, or why not.</summary>
public sealed record CreditBooking(long LineId, string? ReceiptNumber, string? Refusal)
{
    public bool Booked => Refusal is null;
}

/// <summary>
/// Books donors' transfers from the imported bank statements as gifts. A line becomes one gift at most: its status moves
/// from unmatched to gift by a guarded update in the gift's own transaction, and the gift's unique
/// <see cref="OfflineGift.BankLineId"/> stops any second one, so a double click, two people at once, or the same
/// statement imported again (its lines are skipped by key) never add a gift. Each booking is audited under the donor.
/// </summary>
public sealed class BankCreditGifts(
    PortalDbContext db,
    CreditMatcher matcher,
    OfflineGiftPosting posting,
    AuditLog audit,
    CharityCalendar calendar,
    ILogger<BankCreditGifts> logger)
{
    public const int PageSize = 100;

    /// <summary>At most this many lines are booked per request, so a request stays short.</summary>
    public const int MaxBulk = PageSize;

    public async Task<CreditQueue> QueueAsync(int page, CancellationToken cancellationToken)
    {
        var open = Open();
        var total = await open.CountAsync(cancellationToken);
        var number = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var lines = await open.OrderByDescending(l => l.BookedOn).ThenByDescending(l => l.Id)
            .Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var offers = await matcher.OfferAsync(lines, cancellationToken);
        return new CreditQueue([.. lines.Select(l => offers[l.Id])], total, number, PageSize);
    }

    /// <summary>
    /// Books the line as a gift of the donor and fund given, or (when none is given) of the match it is offered with.
    /// </summary>
    public async Task<CreditBooking> BookAsync(
        long lineId, Guid? donorId, Guid? fundId, string actorId, string actorName, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginIdScope("BankLineId", lineId);
        var result = await BookOnceAsync(lineId, donorId, fundId, actorId, actorName, cancellationToken);
        if (result.Booked)
        {
            GiftsLog.LineBooked(logger, lineId, actorName, result.ReceiptNumber);
        }
        else
        {
            GiftsLog.LineRefused(logger, lineId, result.Refusal!);
        }

        return result;
    }

    private async Task<CreditBooking> BookOnceAsync(
        long lineId, Guid? donorId, Guid? fundId, string actorId, string actorName, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var line = await db.BankLines.AsNoTracking().SingleOrDefaultAsync(l => l.Id == lineId, cancellationToken);
        if (line is null)
        {
            return new CreditBooking(lineId, null, "There is no such bank line.");
        }

        if (line.Status != BankLineStatus.Unmatched || line.AmountMinor <= 0)
        {
            return new CreditBooking(lineId, null, await AlreadyAsync(line, cancellationToken));
        }

        if (donorId is null || fundId is null)
        {
            var offer = (await matcher.OfferAsync([line], cancellationToken))[line.Id];
            if (!offer.Bookable)
            {
                return new CreditBooking(lineId, null, offer.Reason);
            }

            donorId ??= offer.DonorId;
            fundId ??= offer.FundId;
        }

        var donor = await db.Donors.SingleOrDefaultAsync(d => d.Id == donorId, cancellationToken);
        if (donor?.MergedIntoId is { } kept)
        {
            donor = await db.Donors.SingleAsync(d => d.Id == kept, cancellationToken);
        }

        var fund = await db.Funds.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fundId, cancellationToken);
        if (donor is null || fund is null || donor.ErasedAt is not null)
        {
            return new CreditBooking(lineId, null, donor?.ErasedAt is not null
                ? "This donor's personal data was erased; choose another donor."
                : "Choose a donor and a fund.");
        }

        var amount = new Money(line.AmountMinor, Currency.Of(line.Currency));
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.BankLines.Where(l => l.Id == line.Id && l.Status == BankLineStatus.Unmatched)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, BankLineStatus.Gift), cancellationToken);
            if (claimed == 0)
            {
                return new CreditBooking(lineId, null, await AlreadyAsync(line, cancellationToken));
            }

            var (_, charge) = await posting.PostAsync(
                new GiftToPost(donor, fund, amount, line.BookedOn, OfflineGiftMethod.BankTransfer, BankLineId: line.Id,
                    PayerName: line.Counterparty, PayerIban: line.CounterpartyAccount),
                actorName,
                cancellationToken);
            await BankExceptions.SettleAsync(db, [BankExceptions.Unmatched(line.Id)], ExceptionStatus.Linked,
                $"Booked as a gift of {donor.Name} to {fund.Name}, receipt {charge.ReceiptNumber}.", actorName, calendar.UtcNow, cancellationToken);
            audit.Record(actorId, actorName, "gift.bank-credit-booked", DonorCare.Subject(donor.Id),
                $"Bank line {line.Id} of {line.BookedOn:yyyy-MM-dd}, {amount}, to {fund.Code}, receipt {charge.ReceiptNumber}.");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new CreditBooking(lineId, charge.ReceiptNumber, null);
        }
        catch (DbUpdateException)
        {
            // The line's gift exists already (its unique index): another booking won the race.
            db.ChangeTracker.Clear();
            return new CreditBooking(lineId, null, await AlreadyAsync(line, cancellationToken));
        }
    }

    /// <summary>Books each line on its own offer, one transaction per line; a line refused is reported and the rest go on.</summary>
    public async Task<IReadOnlyList<CreditBooking>> BookMatchedAsync(
        IReadOnlyList<long> lineIds, string actorId, string actorName, CancellationToken cancellationToken)
    {
        var results = new List<CreditBooking>();
        foreach (var id in lineIds.Distinct().Take(MaxBulk))
        {
            var result = await BookAsync(id, null, null, actorId, actorName, cancellationToken);
            results.Add(result);
        }

        return results;
    }

    /// <summary>Credits not yet matched, booked or ignored: the queue (indexed by status and day).</summary>
    private IQueryable<BankLine> Open() =>
        db.BankLines.AsNoTracking().Where(l => l.Status == BankLineStatus.Unmatched && l.AmountMinor > 0);

    private async Task<string> AlreadyAsync(BankLine line, CancellationToken cancellationToken)
    {
        var receipt = await db.OfflineGifts.AsNoTracking().Where(g => g.BankLineId == line.Id)
            .Join(db.Charges, g => g.ChargeId, c => c.Id, (g, c) => c.ReceiptNumber).FirstOrDefaultAsync(cancellationToken);
        if (receipt is not null)
        {
            return $"This bank line is already booked as a gift (receipt {receipt}).";
        }

        var status = await db.BankLines.AsNoTracking().Where(l => l.Id == line.Id).Select(l => l.Status).FirstAsync(cancellationToken);
        return line.AmountMinor <= 0 ? "Only a credit can be a gift."
            : status == BankLineStatus.Unmatched ? "Someone changed the same records a moment ago; try again."
            : $"This bank line is already {status.ToString().ToLowerInvariant()}.";
    }
}

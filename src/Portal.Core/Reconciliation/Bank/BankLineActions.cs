using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Shared;

namespace Portal.Core.Reconciliation.Bank;

/// <summary>The outcome of a Finance user's action on a bank line: done, no such line, or refused with the reason.</summary>
public sealed record BankLineActionResult(bool Found, string? Error)
{
    public static BankLineActionResult Done { get; } = new(true, null);

    public static BankLineActionResult NotFound { get; } = new(false, null);

    public static BankLineActionResult Refused(string error) => new(true, error);
}

/// <summary>
/// What Finance does by hand with a bank line matching could not settle: match it to a payout, or ignore it with a reason. Both audited.
/// </summary>
public sealed class BankLineActions(PortalDbContext db, AuditLog audit, CharityCalendar calendar)
{
    public async Task<BankLineActionResult> MatchAsync(
        long lineId,
        long payoutId,
        string actorId,
        string actorName,
        CancellationToken cancellationToken)
    {
        var line = await db.BankLines.AsNoTracking().SingleOrDefaultAsync(l => l.Id == lineId, cancellationToken);
        if (line is null)
        {
            return BankLineActionResult.NotFound;
        }

        var payout = await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == payoutId, cancellationToken);
        var lineAmount = new Money(line.AmountMinor, Currency.Of(line.Currency));
        var error = (line.Status, payout) switch
        {
            (not BankLineStatus.Unmatched, _) => $"The bank line is already {line.Status.ToString().ToLowerInvariant()}.",
            (_, null) => "Choose a payout.",
            (_, { Status: PayoutStatus.Failed }) => $"Payout {payout.GatewayPayoutId} failed; its money never left the gateway.",
            (_, { BankLineId: not null }) => $"Payout {payout.GatewayPayoutId} is already matched to another bank line.",
            _ when payout.Currency != line.Currency || payout.AmountMinor != line.AmountMinor =>
                $"Payout {payout.GatewayPayoutId} is {new Money(payout.AmountMinor, Currency.Of(payout.Currency))} "
                    + $"and the line {lineAmount}: only equal amounts match.",
            _ => null,
        };
        if (error is not null)
        {
            return BankLineActionResult.Refused(error);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await PayoutBankLink.TryLinkAsync(db, line.Id, payout!.Id, cancellationToken))
        {
            return BankLineActionResult.Refused("Someone matched the line or the payout a moment ago; look again.");
        }

        var resolution = $"Matched by hand: bank line {line.Id} of {line.BookedOn:yyyy-MM-dd} is payout {payout.GatewayPayoutId}.";
        await BankExceptions.SettleAsync(
            db,
            [BankExceptions.Unmatched(line.Id), BankExceptions.NotArrived(payout.Id)],
            ExceptionStatus.Linked,
            resolution,
            actorName,
            calendar.UtcNow,
            cancellationToken);
        audit.Record(
            actorId,
            actorName,
            "bank.payout-matched-by-hand",
            $"payout:{payout.GatewayPayoutId}",
            $"Bank line {line.Id} of {line.BookedOn:yyyy-MM-dd}, {lineAmount}.");
        await db.SaveChangesAsync(cancellationToken);
        await BankExceptions.RecountAsync(db, [payout.Id], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BankLineActionResult.Done;
    }

    /// <summary>
    /// Sets a line aside (a bank fee, a donor's own transfer, a move between accounts) with the reason, and its open exception with it.
    /// </summary>
    public async Task<BankLineActionResult> IgnoreAsync(
        long lineId,
        string? reason,
        string actorId,
        string actorName,
        CancellationToken cancellationToken)
    {
        var why = reason?.Trim() ?? "";
        if (!await db.BankLines.AnyAsync(l => l.Id == lineId, cancellationToken))
        {
            return BankLineActionResult.NotFound;
        }

        if (why.Length is < 3 or > 500)
        {
            return BankLineActionResult.Refused("Give a reason of 3 to 500 characters, so that an auditor can follow it.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ignored = await db.BankLines.Where(l => l.Id == lineId && l.Status == BankLineStatus.Unmatched)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, BankLineStatus.Ignored), cancellationToken);
        if (ignored == 0)
        {
            return BankLineActionResult.Refused("Only an unmatched line can be ignored.");
        }

        await BankExceptions.SettleAsync(
            db,
            [BankExceptions.Unmatched(lineId)],
            ExceptionStatus.Ignored,
            why,
            actorName,
            calendar.UtcNow,
            cancellationToken);
        audit.Record(actorId, actorName, "bank.line-ignored", $"bank-line:{lineId}", why);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BankLineActionResult.Done;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Reconciliation;

/// <summary>Raises exceptions (once each, by key) and keeps each payout's count of open ones. Scoped: one per unit of work.</summary>
public sealed class ReconciliationExceptions(PortalDbContext db, CharityCalendar calendar, ILogger<ReconciliationExceptions> logger)
{
    private readonly List<Guid> matchedCharges = [];

    /// <param name="amount">What the clearing account must receive to be right (signed), in <paramref name="currency"/>.</param>
    public void Raise(
        ExceptionKind kind, string key, Payout? payout, PayoutLine? line, string summary, long? amount, string? currency,
        Guid? chargeId = null, Guid? fundId = null)
    {
        ReconciliationLog.ExceptionRaised(logger, kind, key, summary);
        db.ReconciliationExceptions.Add(new ReconciliationException
        {
            Key = key,
            Kind = kind,
            Summary = summary.Length <= 500 ? summary : summary[..500],
            AmountMinor = amount,
            Currency = currency,
            PayoutId = payout?.Id,
            PayoutLineId = null,
            ChargeId = chargeId,
            FundId = fundId,
            CreatedAt = calendar.UtcNow,
        }.WithLine(line));
    }

    /// <summary>A payment a payout settled is no longer missing: its open "missing" exception closes by itself.</summary>
    public void CloseMissing(Guid chargeId, Payout payout) => matchedCharges.Add(chargeId);

    public async Task RecountAsync(Payout payout, CancellationToken cancellationToken)
    {
        foreach (var chunk in matchedCharges.Chunk(500))
        {
            var keys = chunk.Select(MissingKey).ToList();
            foreach (var open in await db.ReconciliationExceptions.Where(e => keys.Contains(e.Key) && e.Status == ExceptionStatus.Open)
                .ToListAsync(cancellationToken))
            {
                open.Status = ExceptionStatus.Linked;
                open.Resolution = $"Paid out in {payout.GatewayPayoutId}";
                open.ResolvedBy = "reconciliation";
                open.ResolvedAt = calendar.UtcNow;
            }
        }

        matchedCharges.Clear();
        await db.SaveChangesAsync(cancellationToken);
        payout.OpenExceptionCount = await db.ReconciliationExceptions
            .CountAsync(e => e.PayoutId == payout.Id && e.Status == ExceptionStatus.Open, cancellationToken);
    }

    public static string MissingKey(Guid chargeId) => $"charge:{chargeId}:missing";
}

internal static class ExceptionLines
{
    /// <summary>Links the line once it has its id: the line is saved in the same unit of work.</summary>
    public static ReconciliationException WithLine(this ReconciliationException exception, PayoutLine? line)
    {
        if (line is not null)
        {
            exception.Line = line;
        }

        return exception;
    }
}

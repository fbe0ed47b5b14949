using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Payments.Events.Handlers;

/// <summary>
/// How an event about a refund or a dispute is applied. Events arrive late, twice or out of order, so the object is
/// read afresh from the gateway before the transaction opens and only its current state counts; then it is applied
/// and the event's outcome saved in one transaction. A subclass says which kind of event it reads, how it reads the
/// object and what applying it changed.
/// </summary>
public abstract class ReadAfreshEvents<TSeen>(
    PortalDbContext db, PaymentGateways gateways, IGatewayEventReader reader, CharityCalendar calendar)
{
    protected PortalDbContext Db => db;

    protected abstract FinanceEventKind Kind { get; }

    /// <summary>The object as the gateway has it now.</summary>
    protected abstract Task<TSeen> ReadAsync(IGatewayFinance gateway, string id, CancellationToken cancellationToken);

    /// <summary>Applies it inside the transaction; returns the event's status and a note of what changed.</summary>
    protected abstract Task<(GatewayEventStatus Status, string? Note)> ApplyAsync(
        GatewayEvent row, string id, TSeen seen, CancellationToken cancellationToken);

    public async Task<ApplyResult> HandleAsync(GatewayEvent row, CancellationToken cancellationToken)
    {
        var gateway = gateways.FinanceNamed(row.Gateway)
            ?? throw new InvalidOperationException($"The event came from gateway '{row.Gateway}', which is not configured.");
        if (reader.ReadFinance(row) is not { } read || read.Kind != Kind)
        {
            return await EventOutcome.SaveAsync(db, row, GatewayEventStatus.Ignored, EventOutcome.NotReadable, calendar.UtcNow, cancellationToken);
        }

        var seen = await ReadAsync(gateway, read.Id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (status, note) = await ApplyAsync(row, read.Id, seen, cancellationToken);
        var result = await EventOutcome.SaveAsync(db, row, status, note, calendar.UtcNow, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}

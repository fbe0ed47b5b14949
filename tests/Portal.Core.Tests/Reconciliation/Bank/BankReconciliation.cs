using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Reconciliation;
using Portal.Core.Reconciliation.Bank;
using Portal.Testing;

namespace Portal.Core.Tests.Reconciliation.Bank;

/// <summary>The portal's services on a new database, with payouts as the payout import would leave them.</summary>
internal sealed class BankReconciliation : IAsyncDisposable
{
    public const string Actor = "finance@charity.test";

    private BankReconciliation(TestDatabase database, PortalServices services)
    {
        Database = database;
        Services = services;
    }

    public TestDatabase Database { get; }

    /// <summary>Today is 2026-03-10 in the charity's calendar.</summary>
    public PortalServices Services { get; }

    public static async Task<BankReconciliation> CreateAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        return new BankReconciliation(database, PortalServices.Create(database));
    }

    public async Task<long> PayoutAsync(
        string gatewayId,
        long minor,
        DateOnly arrival,
        PayoutStatus status = PayoutStatus.Paid,
        string currency = "EUR")
    {
        await using var db = Services.CreateContext();
        var payout = new Payout
        {
            Gateway = "stripe",
            GatewayPayoutId = gatewayId,
            AmountMinor = minor,
            Currency = currency,
            ArrivalDate = arrival,
            Status = status,
            GatewayCreatedAt = arrival.AddDays(-2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            ImportedAt = arrival.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        };
        db.Payouts.Add(payout);
        await db.SaveChangesAsync();
        return payout.Id;
    }

    public Task<BankImportResult> ImportAsync(string fileName, byte[] content, BankFileFormat? format = null) =>
        Services.InScopeAsync(
            scope => scope.GetRequiredService<BankStatementImport>()
                .ImportAsync(fileName, content, format, "staff-1", Actor, CancellationToken.None));

    public Task<BankMatchReport> MatchAsync() =>
        Services.InScopeAsync(scope => scope.GetRequiredService<MatchPayoutsToBank>().RunAsync("staff-1", Actor, CancellationToken.None));

    public Task<BankLineActionResult> MatchByHandAsync(long lineId, long payoutId) =>
        Services.InScopeAsync(
            scope => scope.GetRequiredService<BankLineActions>().MatchAsync(lineId, payoutId, "staff-1", Actor, CancellationToken.None));

    public Task<BankLineActionResult> IgnoreAsync(long lineId, string? reason) =>
        Services.InScopeAsync(
            scope => scope.GetRequiredService<BankLineActions>().IgnoreAsync(lineId, reason, "staff-1", Actor, CancellationToken.None));

    public async Task<T> QueryAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var db = Services.CreateContext();
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}

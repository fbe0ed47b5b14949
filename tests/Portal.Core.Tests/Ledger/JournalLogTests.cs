using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Shared;
using Portal.Testing;

namespace Portal.Core.Tests.Ledger;

/// <summary>The journal logs each posting, and a posting into a closed month is refused in the log before it throws.</summary>
public class JournalLogTests
{
    private static readonly FundAccountOwner Fund = new(Guid.NewGuid(), "KEN01", "Nairobi");

    [Fact]
    public async Task A_posting_to_a_closed_period_logs_the_refusal()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var seed = database.CreateContext())
        {
            var february = new ClosedPeriod { Month = new DateOnly(2026, 2, 1), ClosedAt = DateTime.UtcNow, ClosedBy = "finance@example.org" };
            seed.ClosedPeriods.Add(february);
            await seed.SaveChangesAsync();
        }

        var logs = new TestLogs();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var db = database.CreateContext();
        var journal = new Journal(db, TimeProvider.System, loggers.CreateLogger<Journal>());

        var late = Gift("late-gift", new DateOnly(2026, 2, 20));
        await Assert.ThrowsAsync<PeriodClosedException>(() => journal.PostAsync(late, CancellationToken.None));
        await journal.PostAsync(Gift("gift", new DateOnly(2026, 3, 10)), CancellationToken.None);

        var refused = Assert.Single(logs.WithId(2002));
        Assert.Equal(LogLevel.Warning, refused.Level);
        Assert.Equal("late-gift", refused.Value("IdempotencyKey"));
        Assert.Equal(new DateOnly(2026, 2, 28), refused.Value("LockDate"));
        var posted = Assert.Single(logs.WithId(2001));
        Assert.Equal("gift", posted.Value("IdempotencyKey"));
        Assert.Equal(1000L, posted.Value("Amount"));
        Assert.Equal(Fund.Id, posted.Value("FundId"));
    }

    private static JournalDraft Gift(string key, DateOnly date) => new(
        date,
        "gift",
        key,
        [
            DraftLine.Debit(new AccountRef(AccountKind.GatewayClearing, Currency.EUR), new Money(1000, Currency.EUR)),
            DraftLine.Credit(new AccountRef(AccountKind.FundIncome, Currency.EUR, Fund), new Money(1000, Currency.EUR)),
        ],
        Fund.Id);
}

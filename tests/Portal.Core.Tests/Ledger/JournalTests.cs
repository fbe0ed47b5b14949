using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Shared;
using Portal.Testing;

namespace Portal.Core.Tests.Ledger;

public class JournalTests
{
    private static readonly FundAccountOwner Fund = new(Guid.NewGuid(), "KEN01", "Nairobi");
    private static readonly Microsoft.Extensions.Logging.ILogger<Journal> Logger =
        Microsoft.Extensions.Logging.Abstractions.NullLogger<Journal>.Instance;

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Posts_a_balanced_entry_and_creates_each_account_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedFundAsync(database);
        for (var i = 0; i < 3; i++)
        {
            await using var db = database.CreateContext();
            await new Journal(db, TimeProvider.System, Logger).PostAsync(Gift($"gift:{i}", 1000 + i), CancellationToken.None);
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        Assert.Equal(3, await check.JournalEntries.CountAsync());
        Assert.Equal(["1100-EUR", "4000-KEN01-EUR"], (await check.Accounts.Select(a => a.Code).ToListAsync()).Order());
        Assert.Equal(0, await check.JournalLines.SumAsync(line => line.AmountMinor));
        Assert.Equal(-3003, await check.JournalLines.Where(line => line.Account!.Kind == AccountKind.FundIncome).SumAsync(line => line.AmountMinor));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_same_idempotency_key_cannot_post_twice(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedFundAsync(database);
        await using (var first = database.CreateContext())
        {
            await new Journal(first, TimeProvider.System, Logger).PostAsync(Gift("charge:1:succeeded", 1000), CancellationToken.None);
            await first.SaveChangesAsync();
        }

        await using var second = database.CreateContext();
        await new Journal(second, TimeProvider.System, Logger).PostAsync(Gift("charge:1:succeeded", 1000), CancellationToken.None);

        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
        await using var check = database.CreateContext();
        Assert.Equal(1, await check.JournalEntries.CountAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Entries_are_never_edited_or_deleted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedFundAsync(database);
        await using (var db = database.CreateContext())
        {
            await new Journal(db, TimeProvider.System, Logger).PostAsync(Gift("gift", 1000), CancellationToken.None);
            await db.SaveChangesAsync();
        }

        await using var editor = database.CreateContext();
        var line = await editor.JournalLines.FirstAsync();
        line.AmountMinor = 5;
        var edit = await Assert.ThrowsAsync<InvalidOperationException>(() => editor.SaveChangesAsync());
        Assert.Contains("post a reversal", edit.Message, StringComparison.Ordinal);

        await using var deleter = database.CreateContext();
        deleter.JournalEntries.Remove(await deleter.JournalEntries.FirstAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => deleter.SaveChangesAsync());
        await using var check = database.CreateContext();
        Assert.Equal(-1000, await check.JournalLines.Where(l => l.AmountMinor < 0).SumAsync(l => l.AmountMinor));
    }

    [Fact]
    public async Task An_unbalanced_draft_is_refused_before_it_reaches_the_database()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();
        var draft = new JournalDraft(new DateOnly(2026, 3, 10), "bad", "bad", [DraftLine.Debit(
            new AccountRef(AccountKind.Bank, Currency.EUR),
            new Money(100, Currency.EUR)), DraftLine.Credit(new AccountRef(AccountKind.GatewayClearing, Currency.EUR), new Money(99, Currency.EUR))]);

        var journal = new Journal(db, TimeProvider.System, Logger);
        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.PostAsync(draft, CancellationToken.None));
        Assert.Empty(db.ChangeTracker.Entries());
    }

    private static JournalDraft Gift(string key, long minor) => new(
        new DateOnly(2026, 3, 10),
        "gift",
        key,
        [
            DraftLine.Debit(new AccountRef(AccountKind.GatewayClearing, Currency.EUR), new Money(minor, Currency.EUR)),
            DraftLine.Credit(new AccountRef(AccountKind.FundIncome, Currency.EUR, Fund), new Money(minor, Currency.EUR)),
        ],
        Fund.Id);

    private static async Task SeedFundAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        db.Funds.Add(new Portal.Core.Funds.Fund
        {
            Id = Fund.Id,
            Slug = "nairobi",
            Code = Fund.Code,
            Name = Fund.Name,
            Summary = "s",
            Story = "s",
            Currency = "EUR"
        });
        await db.SaveChangesAsync();
    }
}

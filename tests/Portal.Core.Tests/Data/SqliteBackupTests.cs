using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Ledger.Totals;
using Portal.Testing;

namespace Portal.Core.Tests.Data;

/// <summary>The backup command's copy of the embedded SQLite database: whole, consistent while the portal writes, and usable.</summary>
public class SqliteBackupTests
{
    [Fact]
    public async Task A_backup_holds_the_same_books_and_the_portal_goes_on_writing_to_it()
    {
        await using var original = await FilledDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var before = await DatabaseContents.ReadAsync(original.Services);
        var file = Path.Combine(original.Services.DataFolder, "backups", "portal-2026-03-10.db");

        var result = await SqliteBackup.CopyAsync(original.Database.ConnectionString, file, CancellationToken.None);

        Assert.True(result.Written, result.Message);
        Assert.Contains(file, result.Message, StringComparison.Ordinal);
        Assert.Equal([file], Directory.GetFiles(Path.GetDirectoryName(file)!));
        await using var restored = PortalServices.Create(TestDatabase.Existing(DatabaseProvider.Sqlite, SqliteConnections.ForFile(file)));
        before.AssertRestoredAs(await DatabaseContents.ReadAsync(restored));
        Assert.True(before.Rows["JournalEntries"] > 20, $"Only {before.Rows["JournalEntries"]} journal entries were backed up.");
        await AssertTakesAPostingAsync(restored);
    }

    [Theory]
    [InlineData("WAL")]
    [InlineData("DELETE")]
    public async Task A_backup_taken_while_postings_are_written_is_one_moment_of_the_books(string journalMode)
    {
        await using var seeded = await Payments.Events.MoneyPath.SeededAsync(DatabaseProvider.Sqlite);
        await using (var db = seeded.Services.CreateContext())
        {
            // WAL is what the portal's start-up sets; the rollback journal is SQLite's default.
            await db.Database.ExecuteSqlRawAsync(journalMode == "WAL" ? "PRAGMA journal_mode=WAL;" : "PRAGMA journal_mode=DELETE;");
        }

        var (entries, lines) = await CountJournalAsync(seeded.Services);
        using var stop = new CancellationTokenSource();
        var posted = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await FilledDatabase.PostAsync(seeded.Services, $"test:during-backup:{posted}", 100 + posted);
                Interlocked.Increment(ref posted);
            }
        });
        await Eventually.TrueAsync(() => Volatile.Read(ref posted) >= 20 || writer.IsFaulted, "20 postings before the backup");
        var file = Path.Combine(seeded.Services.DataFolder, "during.db");

        var result = await SqliteBackup.CopyAsync(seeded.Database.ConnectionString, file, CancellationToken.None);

        var atBackup = Volatile.Read(ref posted);
        await Eventually.TrueAsync(() => Volatile.Read(ref posted) >= atBackup + 20 || writer.IsFaulted, "20 postings after the backup");
        await stop.CancelAsync();
        await writer;
        Assert.True(result.Written, result.Message);
        await using var copy = PortalServices.Create(TestDatabase.Existing(DatabaseProvider.Sqlite, SqliteConnections.ForFile(file)));
        var contents = await DatabaseContents.ReadAsync(copy);
        // Each posting is an entry, its two lines and its totals, in one transaction: a copy of one moment has all or none.
        Assert.True(contents.Totals.Agreed, contents.Totals.Summary);
        var copied = contents.Rows["JournalEntries"] - entries;
        Assert.InRange(copied, 20, atBackup + 1);
        Assert.Equal(lines + (2 * copied), contents.Rows["JournalLines"]);
        await AssertTakesAPostingAsync(copy);
    }

    [Fact]
    public async Task A_backup_never_overwrites_a_file_and_needs_a_database()
    {
        await using var seeded = await Payments.Events.MoneyPath.SeededAsync(DatabaseProvider.Sqlite);
        var file = Path.Combine(seeded.Services.DataFolder, "earlier.db");
        await File.WriteAllTextAsync(file, "an earlier backup");

        var onExisting = await SqliteBackup.CopyAsync(seeded.Database.ConnectionString, file, CancellationToken.None);
        var missing = Path.Combine(seeded.Services.DataFolder, "none", "portal.db");
        var onMissing = await SqliteBackup.CopyAsync(SqliteConnections.ForFile(missing), Path.Combine(seeded.Services.DataFolder, "new.db"), default);

        Assert.False(onExisting.Written);
        Assert.Contains("exists already", onExisting.Message, StringComparison.Ordinal);
        Assert.Equal("an earlier backup", await File.ReadAllTextAsync(file));
        Assert.False(onMissing.Written);
        Assert.Contains("There is no database at", onMissing.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
        Assert.False(File.Exists(Path.Combine(seeded.Services.DataFolder, "new.db")));
    }

    private static async Task<(long Entries, long Lines)> CountJournalAsync(PortalServices services)
    {
        await using var db = services.CreateContext();
        return (await db.JournalEntries.LongCountAsync(), await db.JournalLines.LongCountAsync());
    }

    /// <summary>The copy is a database the portal writes to: a new posting moves the fund's figures by its amount.</summary>
    internal static async Task AssertTakesAPostingAsync(PortalServices services)
    {
        var before = await FilledDatabase.GuluAsync(services);
        await using (var db = services.CreateContext())
        {
            var last = await db.JournalEntries.MaxAsync(e => (long?)e.Id) ?? 0;
            Assert.True(await FilledDatabase.PostAsync(services, $"test:after-restore:{Guid.NewGuid():N}", 1_234) > last);
        }

        Assert.Equal(before.OpeningBalances.Minor + 1_234, (await FilledDatabase.GuluAsync(services)).OpeningBalances.Minor);
        var check = await services.Get<LedgerTotals>().CheckAsync(CancellationToken.None);
        Assert.True(check.Agreed, check.Summary);
    }
}

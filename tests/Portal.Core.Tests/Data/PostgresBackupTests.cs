using System.Diagnostics;
using Npgsql;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Data;

/// <summary>
/// README's PostgreSQL backup and restore, done with the machine's own pg_dump and pg_restore: the restored database
/// holds the same books, and the portal goes on writing to it.
/// </summary>
public class PostgresBackupTests
{
    [SkippableFact]
    public async Task A_dump_restored_into_a_new_database_holds_the_same_books_and_takes_new_postings()
    {
        await using var original = await FilledDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var before = await DatabaseContents.ReadAsync(original.Services);
        var dump = Path.Combine(original.Services.DataFolder, "portal.dump");
        var restoredDatabase = await PostgresServer.CreateDatabaseAsync();

        await RunAsync("pg_dump", original.Database.ConnectionString, "--format=custom", $"--file={dump}");
        await RunAsync("pg_restore", restoredDatabase, "--no-owner", "--exit-on-error", dump);

        await using var restored = PortalServices.Create(TestDatabase.Existing(DatabaseProvider.PostgreSql, restoredDatabase));
        before.AssertRestoredAs(await DatabaseContents.ReadAsync(restored));
        Assert.True(before.Rows["JournalEntries"] > 20, $"Only {before.Rows["JournalEntries"]} journal entries were dumped.");
        Assert.True(before.Audit.Verified > 0, "No sealed audit record was dumped.");
        // Identity columns continue after the restored rows (pg_dump carries the sequences' values).
        await SqliteBackupTests.AssertTakesAPostingAsync(restored);
    }

    /// <summary>Runs a PostgreSQL client program against the database of <paramref name="connectionString"/>.</summary>
    private static async Task RunAsync(string program, string connectionString, params string[] arguments)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(PostgresServer.Tool(program)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[$"--host={connection.Host}", $"--port={connection.Port}", $"--username={connection.Username}",
            $"--dbname={connection.Database}", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        if (connection.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {await error}{await output}");
    }
}

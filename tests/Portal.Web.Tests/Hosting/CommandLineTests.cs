using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Web.Tests.Hosting;

/// <summary>
/// The operators' commands as a deployment step runs them: <c>dotnet Portal.Web.dll migrate</c> and <c>backup</c>, in a
/// process of their own with settings from the environment.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "portal-tests", $"commands-{Guid.NewGuid():N}");

    [Fact]
    public async Task Migrate_applies_and_names_the_migrations_once_and_backup_copies_the_migrated_database()
    {
        // Every SQLite migration the portal has, named by its id (so a new migration does not change this test).
        var migrations = typeof(Portal.Core.Data.SqlitePortalDbContext).Assembly.GetTypes()
            .Where(t => t.Namespace == "Portal.Core.Data.Migrations.Sqlite" && t.IsSubclassOf(typeof(Migration)))
            .ToList();
        Assert.True(migrations.Count >= 9, $"only {migrations.Count} migrations found");
        var first = await RunAsync(["migrate"]);
        var second = await RunAsync(["migrate"]);
        var backup = await RunAsync(["backup", Path.Combine(folder, "backups", "portal.db")]);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.StartsWith($"Applied {migrations.Count} migration(s):", first.Output, StringComparison.Ordinal);
        Assert.Contains("_Initial", first.Output, StringComparison.Ordinal);
        Assert.Contains("_AudienceCounts", first.Output, StringComparison.Ordinal);
        Assert.Contains("_SharedLimits", first.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "hangfire.db")), "Hangfire's storage was not prepared.");
        Assert.Equal((0, "The database is up to date: no migration to apply."), (second.ExitCode, second.Output.Trim()));
        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains("Backed up the database to", backup.Output, StringComparison.Ordinal);
        await using var copy = new SqliteConnection($"Data Source={Path.Combine(folder, "backups", "portal.db")};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        await using var history = copy.CreateCommand();
        history.CommandText = "SELECT count(*) FROM __EFMigrationsHistory";
        Assert.Equal((long)migrations.Count, await history.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Backup_on_a_server_database_names_its_own_tool_without_the_password()
    {
        var postgres = await RunAsync(
            ["backup", Path.Combine(folder, "portal.dump")],
            new()
            {
                ["Database__Provider"] = "PostgreSql",
                ["Database__ConnectionString"] = "Host=db.example.org;Database=portal;Username=portal;Password=s3cret",
            });
        var usage = await RunAsync(["backup"]);

        Assert.Equal(1, postgres.ExitCode);
        Assert.Contains(
            "pg_dump --format=custom --host=db.example.org --port=5432 --username=portal --dbname=portal",
            postgres.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", postgres.Error + postgres.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "portal.dump")));
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("Usage: backup <file>", usage.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // The test made nothing.
        }
    }

    /// <summary>Runs Portal.Web.dll from the test's output folder, on a SQLite database in a folder of this test's own.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] arguments, Dictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Portal__DataFolder"] = folder;
        start.Environment["Portal__SeedDemoContent"] = "false";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await output, await error);
    }
}

using Microsoft.Data.Sqlite;

namespace Portal.Core.Data;

/// <summary>
/// An online, consistent copy of the embedded SQLite database, for the <c>backup</c> command. <c>VACUUM INTO</c> reads
/// one snapshot of the database while the portal goes on writing (it waits for a writer's lock like any statement, where
/// the page-copying backup API gives up at once), and writes a compact file that opens as a database of its own.
/// </summary>
public static class SqliteBackup
{
    public static async Task<SqliteBackupResult> CopyAsync(string connectionString, string destination, CancellationToken cancellationToken)
    {
        var database = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!File.Exists(database))
        {
            return new SqliteBackupResult(false, $"There is no database at {Path.GetFullPath(database)} to back up.");
        }

        var target = Path.GetFullPath(destination);
        if (File.Exists(target))
        {
            return new SqliteBackupResult(false, $"{target} exists already; a backup never overwrites a file. Name a new one.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Written beside the target and renamed when whole: a file with the backup's name is always a complete copy.
        var partial = $"{target}.partial-{Guid.NewGuid():N}";
        try
        {
            await using (var source = new SqliteConnection(connectionString))
            {
                await source.OpenAsync(cancellationToken);
                await using var vacuum = source.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $path";
                vacuum.Parameters.AddWithValue("$path", partial);
                await vacuum.ExecuteNonQueryAsync(cancellationToken);
            }

            var check = await QuickCheckAsync(partial, cancellationToken);
            if (check != "ok")
            {
                return new SqliteBackupResult(false, $"The copy failed SQLite's check ({check}); nothing was written to {target}.");
            }

            File.Move(partial, target);
            return new SqliteBackupResult(true, $"Backed up the database to {target} ({new FileInfo(target).Length:N0} bytes).");
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static async Task<string> QuickCheckAsync(string path, CancellationToken cancellationToken)
    {
        var readOnly = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var copy = new SqliteConnection(readOnly);
        await copy.OpenAsync(cancellationToken);
        await using var check = copy.CreateCommand();
        check.CommandText = "PRAGMA quick_check";
        return (string)(await check.ExecuteScalarAsync(cancellationToken))!;
    }
}

/// <param name="Written">False when nothing was written (the message says why).</param>
public sealed record SqliteBackupResult(bool Written, string Message);

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Portal.Testing;

/// <summary>
/// A PostgreSQL server for the tests. PORTAL_TEST_POSTGRES (a connection string with the right to create databases)
/// names one; otherwise a throw-away cluster is started from the machine's PostgreSQL binaries (as the postgres user
/// when the tests run as root) and stopped when the test process ends.
/// </summary>
public static class PostgresServer
{
    internal const string FolderPrefix = "portal-pg-";

    private static readonly Lazy<string?> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server's connection string, or null when there is none; then <see cref="Problem"/> says why.</summary>
    public static string? ConnectionString => Server.Value;

    public static string? Problem { get; private set; }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = NewDatabaseName();
        await ExecuteAsync(ConnectionString!, $"CREATE DATABASE \"{name}\"");
        return DatabaseConnectionString(name);
    }

    /// <summary>Creates a database with every migration applied (a copy of one migrated template) and returns its connection string.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync()
    {
        var name = NewDatabaseName();
        await MigratedTemplates.CopyPostgresAsync(ConnectionString!, name);
        return DatabaseConnectionString(name);
    }

    internal static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The path of one of the machine's PostgreSQL programs (pg_dump, pg_restore), the newest version's, which also
    /// reads a server of an older version; fails the test in CI, skips it elsewhere, when there is none.
    /// </summary>
    public static string Tool(string name)
    {
        var path = Binaries() is { } bin ? Path.Combine(bin, name) : null;
        Requires.Available(path is not null && File.Exists(path), $"PostgreSQL's {name} (under /usr/lib/postgresql/*/bin)");
        return path!;
    }

    private static string? Binaries() => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin"))
            .Where(path => File.Exists(Path.Combine(path, "initdb")))
            .OrderDescending()
            .FirstOrDefault()
        : null;

    private static string NewDatabaseName()
    {
        Requires.Available(ConnectionString is not null, $"PostgreSQL ({Problem})");
        return $"portal_test_{Guid.NewGuid():N}";
    }

    private static string DatabaseConnectionString(string name) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, Pooling = true, MaxPoolSize = 30 }.ToString();

    private static string? Start()
    {
        if (Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return given;
        }

        var bin = Binaries();
        if (bin is null)
        {
            Problem = "no PORTAL_TEST_POSTGRES and no PostgreSQL binaries under /usr/lib/postgresql";
            return null;
        }

        try
        {
            return StartCluster(bin);
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            Problem = error.Message;
            return null;
        }
    }

    private static string StartCluster(string bin)
    {
        var asRoot = Environment.UserName == "root";
        DeleteLeftovers(Path.GetTempPath(), bin, asRoot);
        var folder = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        if (asRoot)
        {
            Run("chown", ["-R", "postgres:postgres", folder]);
        }

        var port = FreePort();
        // 300 connections, as .ci/run's cluster: the Core tests alone reach some 200 at once (201 seen), and a bare
        // `dotnet test` of the solution, which starts this cluster per project, failed tests at 200 ("too many clients").
        RunAs(asRoot, Path.Combine(bin, "initdb"), ["-D", data, "--auth=trust", "--username=postgres", "--encoding=UTF8", "--no-instructions"]);
        RunAs(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", data, "-w", "-l", Path.Combine(
            folder,
            "server.log"), "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=300", "start"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAs(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Stopped already; the folder is still deleted below.
            }

            DeleteFolder(folder);
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    /// <summary>
    /// Deletes the clusters of test processes that no longer run: a process killed before its clean-up, or a clean-up
    /// cut short, leaves 1.5 to 2 GB behind, and enough of them fill the disk. A server such a process left running is
    /// stopped first. A folder whose process still runs is another test run's, and is left alone.
    /// </summary>
    internal static void DeleteLeftovers(string parent, string bin, bool asRoot)
    {
        foreach (var folder in Directory.EnumerateDirectories(parent, FolderPrefix + "*"))
        {
            var owner = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-')[0];
            if (!int.TryParse(owner, out var processId) || Runs(processId))
            {
                continue;
            }

            var data = Path.Combine(folder, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
            {
                try
                {
                    RunAs(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"]);
                }
                catch (InvalidOperationException)
                {
                    // Its server has stopped already (the lock file outlived a crash).
                }
            }

            DeleteFolder(folder);
        }
    }

    private static bool Runs(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Deletes a cluster's folder, once more after a moment if a server's last files were still closing.</summary>
    private static void DeleteFolder(string folder)
    {
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
                return;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // A leftover temporary folder is all that can remain; the next test run deletes it.
                Thread.Sleep(TimeSpan.FromMilliseconds(200));
            }
        }
    }

    private static void RunAs(bool asRoot, string program, string[] arguments)
    {
        if (asRoot)
        {
            Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed: {error.Result}{output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using Portal.Testing;

namespace Portal.Core.Tests.Data;

/// <summary>
/// The throw-away PostgreSQL clusters of test processes that were killed are deleted by the next test run; another
/// run's cluster, whose process still runs, is left alone.
/// </summary>
public class PostgresLeftoversTests
{
    [Fact]
    public void A_cluster_whose_test_process_has_ended_is_deleted_and_a_running_ones_is_kept()
    {
        var parent = Directory.CreateTempSubdirectory("portal-leftovers-").FullName;
        try
        {
            var ended = Path.Combine(parent, $"{PostgresServer.FolderPrefix}{EndedProcessId()}-0a1b2c");
            var running = Path.Combine(parent, $"{PostgresServer.FolderPrefix}{Environment.ProcessId}-3d4e5f");
            var unnamed = Path.Combine(parent, $"{PostgresServer.FolderPrefix}backup");
            foreach (var folder in new[] { ended, running, unnamed })
            {
                Directory.CreateDirectory(Path.Combine(folder, "data", "base"));
                File.WriteAllText(Path.Combine(folder, "data", "base", "1"), "pages");
            }

            PostgresServer.DeleteLeftovers(parent, bin: "/nonexistent", asRoot: false);

            Assert.False(Directory.Exists(ended), "The cluster of an ended process is still there.");
            Assert.True(File.Exists(Path.Combine(running, "data", "base", "1")), "A running process's cluster was deleted.");
            Assert.True(Directory.Exists(unnamed), "A folder without a process number was deleted.");
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    private static int EndedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true")) ?? throw new InvalidOperationException("Could not start true.");
        process.WaitForExit();
        return process.Id;
    }
}

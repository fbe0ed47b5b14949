using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;

namespace Portal.Bench;

/// <summary>
/// CPU seconds each process of a run used during one phase: the difference of the processes' own counters at its
/// start and its end. A source that reads NaN (not Linux, a server elsewhere) reads NaN for the phase.
/// </summary>
internal sealed class CpuMeter(IReadOnlyList<(string Name, Func<double> Seconds)> sources)
{
    /// <summary>Starts a phase: the returned function reads each source's seconds used since.</summary>
    public Func<IReadOnlyList<(string Name, double Seconds)>> Start()
    {
        var before = sources.Select(s => s.Seconds()).ToArray();
        return () => [.. sources.Select((s, i) => (s.Name, s.Seconds() - before[i]))];
    }

    /// <summary>User and system CPU seconds of a live process from /proc/PID/stat, with its reaped children's if asked.</summary>
    public static double ProcSeconds(int pid, bool withReapedChildren = false)
    {
        var fields = StatFields(pid);
        if (fields is null)
        {
            return double.NaN;
        }

        // After "(comm)": state is field 3 of proc(5), so utime (14) and stime (15) are [11] and [12], cutime and cstime [13] and [14].
        var ticks = Ticks(fields[11]) + Ticks(fields[12]) + (withReapedChildren ? Ticks(fields[13]) + Ticks(fields[14]) : 0);
        return ticks / 100.0;
    }

    /// <summary>
    /// A PostgreSQL cluster's CPU seconds: the postmaster's, the backends it has reaped, and its live backends'
    /// (found by their parent in /proc). NaN when the server is not a process on this machine.
    /// </summary>
    public static double PostgresSeconds(int postmaster)
    {
        var total = ProcSeconds(postmaster, withReapedChildren: true);
        if (double.IsNaN(total))
        {
            return total;
        }

        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var pid)
                && StatFields(pid) is { } fields && fields[1] == postmaster.ToString(CultureInfo.InvariantCulture))
            {
                total += (Ticks(fields[11]) + Ticks(fields[12])) / 100.0;
            }
        }

        return total;
    }

    /// <summary>The PostgreSQL server's main process, whose children are the backends: the parent of this connection's backend.</summary>
    public static async Task<int> PostmasterAsync(IServiceProvider portal, CancellationToken cancellationToken)
    {
        await using var db = await portal.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
        var backend = (await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").ToListAsync(cancellationToken)).Single();
        return ParentOf(backend);
    }

    /// <summary>The parent of a process (the postmaster of a backend), or 0.</summary>
    public static int ParentOf(int pid) =>
        StatFields(pid) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : 0;

    /// <summary>The fields of /proc/PID/stat after the command name (which may hold spaces), or null.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Clock ticks: USER_HZ is 100 on every Linux the portal runs on.
    private static long Ticks(string field) => long.Parse(field, CultureInfo.InvariantCulture);
}

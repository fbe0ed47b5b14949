using System.Diagnostics;

namespace Portal.Bench;

/// <summary>The process's peak working set, reset before the measured part so seeding does not count.</summary>
internal static class PeakMemory
{
    /// <summary>Collects, then on Linux resets the kernel's high-water mark (VmHWM) to the current working set.</summary>
    /// <returns>False when the peak could not be reset (not Linux): it then includes seeding.</returns>
    public static bool Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // Aggressive: the heap the seeding grew is given back to the system, so the peak is the serving's.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            // "5" resets the peak resident set size (see proc(5), /proc/pid/clear_refs).
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The resident set now: after <see cref="Reset"/>, what the process holds before the measured work.</summary>
    public static double CurrentMiB()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>
    /// What the resident set holds now: the managed heap, SQLite's own allocations (its page caches) when it is used, anonymous memory
    /// (which holds both, and the JIT's code), mapped files (the assemblies, ICU's data), shared memory; and how many
    /// methods the JIT has compiled and how many collections of each generation ran.
    /// </summary>
    public static string Parts(bool sqlite)
    {
        var heap = GC.GetGCMemoryInfo();
        var (managed, committed) = (heap.HeapSizeBytes / 1048576.0, heap.TotalCommittedBytes / 1048576.0);
        var ownHeap = sqlite ? $", SQLite {SQLitePCL.raw.sqlite3_memory_used() / 1048576.0:0.0} MB" : "";
        var status = OperatingSystem.IsLinux() ? File.ReadAllLines("/proc/self/status") : [];
        string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?[name.Length..].Trim() ?? "?";
        return $"resident {CurrentMiB():0.0} MB (managed heap {managed:0.0} MB of {committed:0.0} committed{ownHeap}; "
            + $"anonymous {Field("RssAnon:")}, files {Field("RssFile:")}, shared {Field("RssShmem:")}, threads {Field("Threads:")}; "
            + $"{System.Runtime.JitInfo.GetCompiledMethodCount()} methods compiled, "
            + $"collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)})";
    }

    public static double PeakMiB()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}

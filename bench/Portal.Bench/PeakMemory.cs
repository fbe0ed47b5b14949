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

    public static double PeakMiB()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}

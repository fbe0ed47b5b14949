using System.Diagnostics;

namespace Portal.Bench;

/// <summary>
/// Nearest-rank percentiles of sorted samples: the smallest sample that at least <c>p</c> of all samples are within
/// (<c>p</c> from 0 to 1). Every benchmark's p50 and p99 come from here.
/// </summary>
internal static class NearestRank
{
    public static double Of(IReadOnlyList<double> sorted, double p, double empty = 0) =>
        sorted.Count == 0 ? empty : sorted[Index(sorted.Count, p)];

    /// <summary>The percentile of latencies in <see cref="Stopwatch"/> ticks, in milliseconds.</summary>
    public static double Milliseconds(IReadOnlyList<long> sortedTicks, double p, double empty = 0) =>
        sortedTicks.Count == 0 ? empty : sortedTicks[Index(sortedTicks.Count, p)] * 1000.0 / Stopwatch.Frequency;

    private static int Index(int count, double p) => Math.Clamp((int)Math.Ceiling(p * count) - 1, 0, count - 1);
}

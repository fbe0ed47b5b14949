using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Ledger;

namespace Portal.Bench;

/// <summary>
/// The <c>statement</c> command: one fund's statement for the last twelve months over N journal lines (the opening
/// balance sums every line before them). A statement of another fund first compiles the queries, so the figure is the
/// database's work, as on a running portal.
/// </summary>
public static class StatementBenchmark
{
    public static Task<BenchResult> RunAsync(LedgerSettings settings, TextWriter progress, CancellationToken cancellationToken) =>
        LedgerBench.RunAsync(settings, progress, async (provider, fund, _) =>
        {
            var today = provider.GetRequiredService<CharityCalendar>().Today;
            var (from, to) = (new DateOnly(today.Year, today.Month, 1).AddMonths(-11), today);
            await using (var warm = provider.CreateAsyncScope())
            {
                var db = warm.ServiceProvider.GetRequiredService<PortalDbContext>();
                var other = await db.Funds.AsNoTracking().FirstAsync(f => f.Id != fund.Id, cancellationToken);
                await warm.ServiceProvider.GetRequiredService<FundStatements>().ForAsync(other, from, to, cancellationToken);
            }

            var peakReset = PeakMemory.Reset();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            FundStatement statement;
            await using (var scope = provider.CreateAsyncScope())
            {
                statement = (await scope.ServiceProvider.GetRequiredService<FundStatements>().ForAsync(fund, from, to, cancellationToken)).Single();
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var peak = PeakMemory.PeakMiB();
            await using var check = provider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
            var lines = await check.JournalLines.LongCountAsync(cancellationToken);
            var fundLines = await check.JournalLines.LongCountAsync(l => l.Account!.FundId == fund.Id, cancellationToken);
            var ledger = -await check.JournalLines.Where(l => l.Account!.FundId == fund.Id).SumAsync(l => l.AmountMinor, cancellationToken);
            progress.WriteLine(
                $"statement {from:yyyy-MM-dd}..{to:yyyy-MM-dd}: opening {statement.Opening}, gifts {statement.Gifts}, "
                    + $"fees {statement.Fees}, closing {statement.Closing}, donors {statement.Donors}, "
                    + $"settled {statement.Reporting.Settled} ({statement.Reporting.SettledGifts} gifts, "
                    + $"{statement.Reporting.UnsettledGifts} unsettled)");
            return new BenchResult(
            [
                new("seconds", BenchResult.Number(seconds, "0.000")),
                new("peak_mb", BenchResult.Number(peak, "0.0")),
                new("lines", BenchResult.Number(lines)),
                new("cpu_seconds", BenchResult.Number(cpuSeconds, "0.000")),
                new("fund_lines", BenchResult.Number(fundLines)),
                new("period_days", BenchResult.Number(to.DayNumber - from.DayNumber + 1)),
                new("donors", BenchResult.Number(statement.Donors)),
                new("closing_matches_ledger", statement.Closing.Minor == ledger ? "true" : "false"),
                new("peak_reset", peakReset ? "true" : "false"),
            ], statement.Closing.Minor == ledger);
        }, cancellationToken);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Transparency.TaxStatements;

/// <summary>
/// Issues the statement of every donor who gave in a fiscal year that has ended, a batch of donors per scope. Safe to
/// run again: issued donors are skipped, and a donor issued meanwhile by another run is found issued. A donor whose
/// statement fails is logged and listed, and the others still get theirs; the next run tries that donor again.
/// </summary>
public sealed class IssueTaxStatements(
    IServiceScopeFactory scopes, CharityCalendar calendar, FiscalYears years, IOptions<TaxStatementOptions> options,
    ILogger<IssueTaxStatements> logger)
{
    /// <param name="fiscalYear">The year to issue; by default the last one that has ended.</param>
    public async Task<TaxStatementRun> RunAsync(int? fiscalYear, CancellationToken cancellationToken)
    {
        var year = fiscalYear ?? years.LastEnded(calendar.Today);
        if (year > years.LastEnded(calendar.Today))
        {
            TransparencyLog.FiscalYearNotEnded(logger, year);
            return new TaxStatementRun(year, 0, 0, []);
        }

        var due = await DueAsync(year, cancellationToken);
        var (issued, skipped) = (0, 0);
        var failures = new List<TaxStatementFailure>();
        foreach (var batch in due.Chunk(options.Value.BatchSize))
        {
            await using var scope = scopes.CreateAsyncScope();
            var issue = scope.ServiceProvider.GetRequiredService<IssueTaxStatement>();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            foreach (var donorId in batch)
            {
                try
                {
                    var outcome = await issue.IssueAsync(donorId, year, cancellationToken);
                    issued += outcome == TaxStatementIssue.Issued ? 1 : 0;
                    skipped += outcome == TaxStatementIssue.Issued ? 0 : 1;
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    TransparencyLog.TaxStatementFailed(logger, error, year, donorId);
                    failures.Add(new TaxStatementFailure(donorId, $"{error.GetType().Name}: {error.Message}"));
                    db.ChangeTracker.Clear();
                }
            }
        }

        return new TaxStatementRun(year, issued, skipped, failures);
    }

    /// <summary>The donors who gave in the year and have no statement for it yet.</summary>
    private async Task<List<Guid>> DueAsync(int year, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var gave = await scope.ServiceProvider.GetRequiredService<DeductibleGifts>().DonorsAsync(year, cancellationToken);
        var done = (await db.TaxStatements.Where(s => s.FiscalYear == year).Select(s => s.DonorId).ToListAsync(cancellationToken)).ToHashSet();
        return [.. gave.Where(id => !done.Contains(id)).Order()];
    }
}

/// <param name="Skipped">Donors found issued meanwhile, or with nothing left to state.</param>
public sealed record TaxStatementRun(int FiscalYear, int Issued, int Skipped, IReadOnlyList<TaxStatementFailure> Failures);

public sealed record TaxStatementFailure(Guid DonorId, string Error);

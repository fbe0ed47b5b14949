using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Communications.Consent;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Sponsorships;

namespace Portal.Core.Communications.Audiences;

/// <summary>
/// Each fund's audience and each fiscal year's tax statements, counted by a job every ten minutes (and on request)
/// and read by the Communications home page. Counting reads every sponsor and statement; the page reads a row per
/// fund and year, so it answers at once with a million donors. The exact audience of a send is taken when it starts.
/// </summary>
public sealed partial class AudienceCounts(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock, ILogger<AudienceCounts> logger)
{
    public async Task CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var now = clock.GetUtcNow().UtcDateTime;
        var audiences = await CountAsync(db, db.Donors, cancellationToken);
        // Each topic counted by the same rule every send uses, so the page's figure is the send's.
        var impact = await CountAsync(db, MailConsent.Reachable(db, MailTopics.ImpactUpdates), cancellationToken);
        var transparency = await CountAsync(db, MailConsent.Reachable(db, MailTopics.TransparencyReports), cancellationToken);
        var appeals = await CountAsync(db, MailConsent.Reachable(db, MailTopics.Appeals), cancellationToken);
        var funds = await db.Funds.Select(f => f.Id).ToListAsync(cancellationToken);
        var issued = await db.TaxStatements.GroupBy(t => t.FiscalYear).Select(g => new { Year = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var sent = await (from t in db.TaxStatements
                          join m in db.OutboundEmails on (Guid?)t.Id equals m.TemplateRef
                          where m.SentAt != null
                          group t by t.FiscalYear into g
                          select new { Year = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.FundAudienceCounts.ExecuteDeleteAsync(cancellationToken);
        await db.TaxStatementYearCounts.ExecuteDeleteAsync(cancellationToken);
        db.FundAudienceCounts.AddRange(funds.Select(id => new FundAudienceCount
        {
            FundId = id,
            Donors = audiences.GetValueOrDefault(id),
            ImpactUpdates = impact.GetValueOrDefault(id),
            TransparencyReports = transparency.GetValueOrDefault(id),
            Appeals = appeals.GetValueOrDefault(id),
            CountedAt = now,
        }));
        db.TaxStatementYearCounts.AddRange(issued.Select(i => new TaxStatementYearCount
        {
            FiscalYear = i.Year,
            Issued = i.Count,
            Sent = sent.FirstOrDefault(s => s.Year == i.Year)?.Count ?? 0,
            CountedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogCounted(funds.Count, issued.Count);
    }

    /// <summary>Of <paramref name="donors"/>, how many have given to each fund (and still give, or gave once).</summary>
    private static Task<Dictionary<Guid, long>> CountAsync(PortalDbContext db, IQueryable<Donor> donors, CancellationToken cancellationToken) => (
        from s in db.Sponsorships
        where SponsorshipStatuses.Running.Contains(s.Status) || s.Status == SponsorshipStatus.Completed
        join donor in donors on s.DonorId equals donor.Id
        group donor by s.FundId into fund
        select new { FundId = fund.Key, Count = fund.Select(d => d.Id).Distinct().LongCount() })
        .ToDictionaryAsync(a => a.FundId, a => a.Count, cancellationToken);

    [LoggerMessage(EventId = 7030, Level = LogLevel.Information,
        Message = "Audiences counted for {Funds} funds and tax statements of {Years} fiscal years")]
    private partial void LogCounted(int funds, int years);
}

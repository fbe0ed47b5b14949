using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Sponsorships;

namespace Portal.Web.Areas.Communications.Pages;

/// <summary>/communications: each fund's audience: its sponsors, and how many of them agreed to hear from us.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public List<FundAudience> Audiences { get; private set; } = [];

    /// <summary>Tax statements issued per fiscal year, and how many of their e-mails have gone out.</summary>
    public List<TaxStatementYear> TaxStatements { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var counts = await (
            from s in db.Sponsorships
            where s.Status == SponsorshipStatus.Active || s.Status == SponsorshipStatus.Paused || s.Status == SponsorshipStatus.PastDue || s.Status == SponsorshipStatus.Completed
            join donor in db.Donors on s.DonorId equals donor.Id
            group donor by s.FundId into fund
            select new { FundId = fund.Key, Donors = fund.Select(d => d.Id).Distinct().Count(), Consenting = fund.Where(d => d.UpdatesConsentedAt != null).Select(d => d.Id).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var funds = await db.Funds.AsNoTracking().OrderBy(f => f.Kind).ThenBy(f => f.Name).ToListAsync(cancellationToken);
        Audiences = funds.Select(fund =>
        {
            var count = counts.FirstOrDefault(c => c.FundId == fund.Id);
            return new FundAudience(fund.Name, fund.Slug, count?.Donors ?? 0, count?.Consenting ?? 0);
        }).ToList();
        var issued = await db.TaxStatements.GroupBy(t => t.FiscalYear).Select(g => new { Year = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var sent = await (from t in db.TaxStatements
                          join m in db.OutboundEmails on (Guid?)t.Id equals m.TemplateRef
                          where m.SentAt != null
                          group t by t.FiscalYear into g
                          select new { Year = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        TaxStatements = [.. issued.OrderByDescending(i => i.Year).Select(i => new TaxStatementYear(i.Year, i.Count, sent.FirstOrDefault(s => s.Year == i.Year)?.Count ?? 0))];
    }
}

public sealed record FundAudience(string FundName, string Slug, int Donors, int Consenting);

public sealed record TaxStatementYear(int FiscalYear, int Issued, int Sent);

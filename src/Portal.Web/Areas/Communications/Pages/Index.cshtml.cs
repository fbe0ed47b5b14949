using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Communications.Pages;

/// <summary>
/// /communications: each fund's audience (its donors, and how many agreed to hear from us) and the tax statements, as
/// last counted (every ten minutes, or when asked): a row per fund and year, however many donors.
/// </summary>
public sealed class IndexModel(PortalDbContext db, IBackgroundWork work, IStringLocalizer<StaffText> text) : PageModel
{
    public List<FundAudience> Audiences { get; private set; } = [];

    /// <summary>Tax statements issued per fiscal year, and how many of their e-mails have gone out.</summary>
    public List<TaxStatementYear> TaxStatements { get; private set; } = [];

    /// <summary>When the figures were counted; null before the first count.</summary>
    public DateTime? CountedAt { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var counts = await db.FundAudienceCounts.AsNoTracking().ToDictionaryAsync(c => c.FundId, cancellationToken);
        var funds = await db.Funds.AsNoTracking().OrderBy(f => f.Kind).ThenBy(f => f.Name).ToListAsync(cancellationToken);
        CountedAt = counts.Count == 0 ? null : counts.Values.Min(c => c.CountedAt);
        Audiences = funds.Select(fund => counts.GetValueOrDefault(fund.Id) is { } count
            ? new FundAudience(fund.Name, fund.Slug, count.Donors, count.ImpactUpdates, count.TransparencyReports, count.Appeals)
            : new FundAudience(fund.Name, fund.Slug, 0, 0, 0, 0)).ToList();
        TaxStatements = await db.TaxStatementYearCounts.AsNoTracking().OrderByDescending(y => y.FiscalYear)
            .Select(y => new TaxStatementYear(y.FiscalYear, y.Issued, y.Sent)).ToListAsync(cancellationToken);
    }

    /// <summary>Counts again in the background; the page shows the new figures once the job has run.</summary>
    public IActionResult OnPostCount()
    {
        work.CountAudiences();
        StatusMessage = text["Counting now. The new figures show here in a minute or so."];
        return RedirectToPage();
    }
}

/// <summary>A fund's donors, and of those how many each topic of bulk mail may reach.</summary>
public sealed record FundAudience(string FundName, string Slug, long Donors, long ImpactUpdates, long TransparencyReports, long Appeals);

public sealed record TaxStatementYear(int FiscalYear, long Issued, long Sent);

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Transparency;

namespace Portal.Web.Pages.Funds;

[OutputCache(PolicyName = Hosting.PublicPageCache.Policy)]
public sealed class DetailsModel(PortalDbContext db, FundProgress progress) : PageModel
{
    public FundCard Card { get; private set; } = null!;

    /// <summary>The fund's published transparency reports, newest first ("2026-q3", "2026").</summary>
    public List<string> PublishedReports { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var fund = await db.Funds.AsNoTracking().Public().SingleOrDefaultAsync(f => f.Slug == slug, cancellationToken);
        if (fund is null)
        {
            // An address the fund had before: permanently moved, so old links and search engines follow.
            return await PublicFunds.MovedToAsync(db, slug, cancellationToken) is { } moved
                ? RedirectPermanent($"/funds/{moved}")
                : NotFound();
        }

        Card = (await FundCard.ForAsync([fund], progress, db, cancellationToken))[0];
        PublishedReports = await db.TransparencyReports.AsNoTracking()
            .Where(r => r.FundId == fund.Id && r.Status == ReportStatus.Published)
            .OrderByDescending(r => r.PeriodEnd).ThenByDescending(r => r.PeriodKind).Take(8)
            .Select(r => r.PeriodKey).ToListAsync(cancellationToken);
        return Page();
    }
}

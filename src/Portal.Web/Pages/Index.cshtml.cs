using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Web.Pages.Funds;

namespace Portal.Web.Pages;

[OutputCache(PolicyName = Hosting.PublicPageCache.Policy)]
public sealed class IndexModel(PortalDbContext db, FundProgress progress) : PageModel
{
    public List<FundCard> Featured { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var funds = await db.Funds.AsNoTracking().Where(f => f.Featured && f.Status == FundStatus.Open)
            .OrderBy(f => f.FeaturedOrder).ThenBy(f => f.Kind).ThenBy(f => f.Name).Take(6).ToListAsync(cancellationToken);
        Featured = await FundCard.ForAsync(funds, progress, db, cancellationToken);
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Funds;

namespace Portal.Web.Pages.Funds;

public sealed class DetailsModel(PortalDbContext db, FundProgress progress) : PageModel
{
    public FundCard Card { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var fund = await db.Funds.AsNoTracking().SingleOrDefaultAsync(f => f.Slug == slug, cancellationToken);
        if (fund is null)
        {
            return NotFound();
        }

        Card = (await FundCard.ForAsync([fund], progress, cancellationToken))[0];
        return Page();
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Web.Pages.Sponsor;

public sealed class CancelledModel(PortalDbContext db) : PageModel
{
    public string? FundSlug { get; private set; }

    public async Task OnGetAsync([FromQuery] Guid? sponsorship, CancellationToken cancellationToken) =>
        FundSlug = sponsorship is null ? null : await (
            from s in db.Sponsorships
            where s.Id == sponsorship
            join fund in db.Funds on s.FundId equals fund.Id
            select fund.Slug).SingleOrDefaultAsync(cancellationToken);
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;

namespace Portal.Web.Pages.Updates;

/// <summary>The web version of an update that has gone out ("read this on our website"); drafts are not public.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public ImpactUpdate Update { get; private set; } = default!;

    public RenderedMarkdown Body { get; private set; } = default!;

    public string? FundName { get; private set; }

    public string? FundSlug { get; private set; }

    public DateTime? Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var update = await db.ImpactUpdates.AsNoTracking()
            .SingleOrDefaultAsync(u => u.Id == id && (u.Status == UpdateStatus.Sending || u.Status == UpdateStatus.Sent), cancellationToken);
        if (update is null)
        {
            return NotFound();
        }

        Update = update;
        Body = UpdateMarkdown.Render(update.BodyMarkdown);
        Sent = update.ExpandedAt ?? update.ScheduledFor;
        if (update.FundId is { } fundId)
        {
            var fund = await db.Funds.AsNoTracking().Where(f => f.Id == fundId).Select(f => new { f.Name, f.Slug }).SingleAsync(cancellationToken);
            (FundName, FundSlug) = (fund.Name, fund.Slug);
        }

        return Page();
    }
}

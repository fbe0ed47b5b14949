using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Funds;

namespace Portal.Web.Areas.Communications.Pages.Funds;

/// <summary>/communications/funds: every fund, drafts first, with its state and the languages its texts still lack.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public List<FundRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var funds = await db.Funds.AsNoTracking().OrderByDescending(f => f.Status == FundStatus.Draft).ThenBy(f => f.Kind).ThenBy(f => f.Name)
            .ToListAsync(cancellationToken);
        var translations = (await db.FundTranslations.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(t => t.FundId);
        Rows = funds.Select(f => new FundRow(f, FundText.MissingIn(translations[f.Id]))).ToList();
    }
}

public sealed record FundRow(Fund Fund, IReadOnlyList<string> MissingLanguages);

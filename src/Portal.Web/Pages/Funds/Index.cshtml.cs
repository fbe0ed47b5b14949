using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Web.Resources;

namespace Portal.Web.Pages.Funds;

/// <summary>/villages, /programs and /funds: the funds, filtered by country and kind.</summary>
[OutputCache(PolicyName = Hosting.PublicPageCache.Policy)]
public sealed class IndexModel(PortalDbContext db, FundProgress progress, IStringLocalizer<DonorText> text) : PageModel
{
    [FromRoute]
    public string Section { get; set; } = "funds";

    [FromQuery(Name = "country")]
    public string? Country { get; set; }

    [FromQuery(Name = "kind")]
    public string? Kind { get; set; }

    public List<FundCard> Cards { get; private set; } = [];

    public List<(string Code, string Name)> Countries { get; private set; } = [];

    public string Heading => Section switch
    {
        "villages" => text["Children's villages"],
        "programs" => text["Programs"],
        _ => text["Villages and programs"],
    };

    public string Introduction => Section switch
    {
        "villages" => text["Funds.VillagesIntro"],
        "programs" => text["Funds.ProgramsIntro"],
        _ => text["Everything you can sponsor."],
    };

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var kind = Section switch
        {
            "villages" => FundKind.Village,
            "programs" => FundKind.Program,
            _ => Kind switch { "village" => FundKind.Village, "program" => FundKind.Program, _ => (FundKind?)null },
        };
        var query = db.Funds.AsNoTracking().Public();
        var countryCodes = await query.Where(f => f.CountryCode != null).Select(f => f.CountryCode!).Distinct().ToListAsync(cancellationToken);
        var language = System.Globalization.CultureInfo.CurrentUICulture;
        Countries = countryCodes.Select(code => (code, Core.Donors.Countries.NameOf(code, language)))
            .OrderBy(c => c.Item2, StringComparer.Create(language, ignoreCase: true)).ToList();
        if (kind is { } wanted)
        {
            query = query.Where(f => f.Kind == wanted);
        }

        var country = Country?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(country))
        {
            query = query.Where(f => f.CountryCode == country);
        }

        var funds = await query.OrderBy(f => f.Status).ThenBy(f => f.Name).ToListAsync(cancellationToken);
        Cards = await FundCard.ForAsync(funds, progress, db, cancellationToken);
    }
}

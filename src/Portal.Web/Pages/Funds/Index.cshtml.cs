using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;

namespace Portal.Web.Pages.Funds;

/// <summary>/villages, /programs and /funds: the funds, filtered by country and kind.</summary>
[OutputCache(PolicyName = Hosting.PublicPageCache.Policy)]
public sealed class IndexModel(PortalDbContext db, FundProgress progress) : PageModel
{
    [FromRoute]
    public string Section { get; set; } = "funds";

    [FromQuery(Name = "country")]
    public string? Country { get; set; }

    [FromQuery(Name = "kind")]
    public string? Kind { get; set; }

    public List<FundCard> Cards { get; private set; } = [];

    public List<(string Code, string Name)> Countries { get; private set; } = [];

    public string Heading => Section switch { "villages" => "Children's villages", "programs" => "Programs", _ => "Villages and programs" };

    public string Introduction => Section switch
    {
        "villages" => "Each village is a group of family homes where brothers and sisters grow up together. Sponsor one and follow its story.",
        "programs" => "Programs work across villages and the communities around them: schooling, health care, help for families, "
            + "and emergency relief.",
        _ => "Everything you can sponsor.",
    };

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var kind = Section switch
        {
            "villages" => FundKind.Village,
            "programs" => FundKind.Program,
            _ => Kind switch { "village" => FundKind.Village, "program" => FundKind.Program, _ => (FundKind?)null },
        };
        var query = db.Funds.AsNoTracking();
        var countryCodes = await query.Where(f => f.CountryCode != null).Select(f => f.CountryCode!).Distinct().ToListAsync(cancellationToken);
        Countries = countryCodes.Select(code => (code, Core.Donors.Countries.NameOf(code))).OrderBy(c => c.Item2, StringComparer.Ordinal).ToList();
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
        Cards = await FundCard.ForAsync(funds, progress, cancellationToken);
    }
}

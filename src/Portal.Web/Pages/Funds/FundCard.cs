using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;

namespace Portal.Web.Pages.Funds;

/// <summary>A fund as a card in a list: the fund, its texts in the reader's language, its progress and where it is.</summary>
public sealed record FundCard(Fund Fund, FundText Text, FundStanding Standing)
{
    /// <summary>The village's place and country, or the program's area, in the reader's language.</summary>
    public string Where(IStringLocalizer text) => Fund.Kind == FundKind.Village
        ? $"{Fund.Place}, {Countries.NameOf(Fund.CountryCode, System.Globalization.CultureInfo.CurrentUICulture)}"
        : Fund.Area switch
        {
            ProgramArea.Education => text["Program · Education"],
            ProgramArea.HealthCare => text["Program · Health care"],
            ProgramArea.FamilyStrengthening => text["Program · Family strengthening"],
            ProgramArea.EmergencyRelief => text["Program · Emergency relief"],
            _ => text["Program"],
        };

    public static async Task<List<FundCard>> ForAsync(
        IReadOnlyList<Fund> funds, FundProgress progress, PortalDbContext db, CancellationToken cancellationToken)
    {
        var standings = await progress.ForAsync(funds, cancellationToken);
        var texts = await FundText.ForAsync(db, funds, System.Globalization.CultureInfo.CurrentUICulture.Name, cancellationToken);
        return funds.Select(fund => new FundCard(fund, texts[fund.Id], standings[fund.Id])).ToList();
    }
}

using Portal.Core.Donors;
using Portal.Core.Funds;

namespace Portal.Web.Pages.Funds;

/// <summary>A fund as a card in a list: the fund, its progress and where it is.</summary>
public sealed record FundCard(Fund Fund, FundStanding Standing)
{
    public string Where => Fund.Kind == FundKind.Village
        ? $"{Fund.Place}, {Countries.NameOf(Fund.CountryCode)}"
        : Fund.Area switch
        {
            ProgramArea.Education => "Program · Education",
            ProgramArea.HealthCare => "Program · Health care",
            ProgramArea.FamilyStrengthening => "Program · Family strengthening",
            ProgramArea.EmergencyRelief => "Program · Emergency relief",
            _ => "Program",
        };

    public static async Task<List<FundCard>> ForAsync(IReadOnlyList<Fund> funds, FundProgress progress, CancellationToken cancellationToken)
    {
        var standings = await progress.ForAsync(funds, cancellationToken);
        return funds.Select(fund => new FundCard(fund, standings[fund.Id])).ToList();
    }
}

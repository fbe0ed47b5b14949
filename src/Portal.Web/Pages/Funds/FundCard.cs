using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;

namespace Portal.Web.Pages.Funds;

/// <summary>
/// A fund as a card in a list: the fund, its texts and photos in the reader's language, its progress and where it is.
/// </summary>
public sealed record FundCard(Fund Fund, FundText Text, FundStanding Standing, IReadOnlyList<FundPhotoView> Photos)
{
    /// <summary>The main picture's address: the first photo, or the fund's drawing while it has none.</summary>
    public string PictureUrl => Photos.Count > 0 ? $"/funds/{Fund.Slug}/photos/{Photos[0].Id}" : $"/funds/{Fund.Slug}/image.svg";

    public string PictureAlt => Photos.Count > 0 ? Photos[0].AltText : FundImage.AltText(Fund);

    public int PictureWidth => Photos.Count > 0 ? Photos[0].Width : 800;

    public int PictureHeight => Photos.Count > 0 ? Photos[0].Height : 450;

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
        var language = System.Globalization.CultureInfo.CurrentUICulture.Name;
        var texts = await FundText.ForAsync(db, funds, language, cancellationToken);
        var photos = await FundPhotos.ForAsync(db, funds.Select(f => f.Id).ToList(), language, cancellationToken);
        return funds.Select(fund => new FundCard(fund, texts[fund.Id], standings[fund.Id], photos.GetValueOrDefault(fund.Id) ?? [])).ToList();
    }
}

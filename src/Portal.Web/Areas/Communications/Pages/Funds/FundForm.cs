using System.Globalization;
using Portal.Core.Funds;
using Portal.Core.Shared;

namespace Portal.Web.Areas.Communications.Pages.Funds;

/// <summary>What the funds editor posts. Everything is checked by <see cref="FundRules"/> in Core, field by field.</summary>
public sealed class FundForm
{
    /// <summary>The version of the fund the form showed (<see cref="Fund.Version"/>); null for a new fund.</summary>
    public int? Version { get; set; }

    public string? Name { get; set; }

    public string? Slug { get; set; }

    public string? Code { get; set; }

    public FundKind Kind { get; set; } = FundKind.Village;

    public ProgramArea? Area { get; set; }

    public string? CountryCode { get; set; }

    public string? Place { get; set; }

    public string? Summary { get; set; }

    public string? Story { get; set; }

    public string? Currency { get; set; } = "EUR";

    /// <summary>In major units as typed ("120000", "120,000.50"); stored in minor units.</summary>
    public string? Goal { get; set; }

    public DateOnly? GoalDeadline { get; set; }

    /// <summary>The sponsor form's amounts in major units, comma-separated; empty for the portal's usual ones.</summary>
    public string? Presets { get; set; }

    public bool Featured { get; set; }

    public int FeaturedOrder { get; set; }

    public FundStatus Status { get; set; } = FundStatus.Draft;

    /// <summary>The ways of giving offered; all four are ticked for a new fund (<see cref="OfferAll"/>).</summary>
    public bool OfferOnce { get; set; }

    public bool OfferMonthly { get; set; }

    public bool OfferQuarterly { get; set; }

    public bool OfferYearly { get; set; }

    public List<TranslationForm> Translations { get; set; } = [];

    public FundIntervals Intervals => (OfferOnce ? FundIntervals.Once : FundIntervals.None)
        | (OfferMonthly ? FundIntervals.Monthly : FundIntervals.None)
        | (OfferQuarterly ? FundIntervals.Quarterly : FundIntervals.None)
        | (OfferYearly ? FundIntervals.Yearly : FundIntervals.None);

    public FundForm OfferAll() => Offer(FundIntervals.All);

    private FundForm Offer(FundIntervals offered)
    {
        (OfferOnce, OfferMonthly) = (offered.HasFlag(FundIntervals.Once), offered.HasFlag(FundIntervals.Monthly));
        (OfferQuarterly, OfferYearly) = (offered.HasFlag(FundIntervals.Quarterly), offered.HasFlag(FundIntervals.Yearly));
        return this;
    }

    public bool ChildDataConfirmed { get; set; }

    public FundInput ToInput() => new(
        Name, Slug, Code, Kind, Area, CountryCode, Place, Summary, Story, Currency, Goal, GoalDeadline, Featured, FeaturedOrder, Status, Intervals,
        Translations.Select(t => new FundTranslationInput(t.Language ?? "", t.Name, t.Summary, t.Story)).ToList(), ChildDataConfirmed, Presets)
    {
        Version = Version,
    };

    /// <summary>One row per language a fund can be translated into, filled from what was saved.</summary>
    public void FillTranslations(IReadOnlyCollection<FundTranslation> saved) =>
        Translations = FundText.Languages.Select(language => Translations.FirstOrDefault(t => t.Language == language)
            ?? (saved.FirstOrDefault(t => t.Language == language) is { } row
                ? new TranslationForm { Language = language, Name = row.Name, Summary = row.Summary, Story = row.Story }
                : new TranslationForm { Language = language })).ToList();

    public static FundForm From(Fund fund) => new FundForm
    {
        Version = fund.Version,
        Name = fund.Name,
        Slug = fund.Slug,
        Code = fund.Code,
        Kind = fund.Kind,
        Area = fund.Area,
        CountryCode = fund.CountryCode,
        Place = fund.Place,
        Summary = fund.Summary,
        Story = fund.Story,
        Currency = fund.Currency,
        Goal = fund.GoalMinor is { } goal ? new Money(goal, Core.Shared.Currency.Of(fund.Currency)).ToPlainString() : null,
        GoalDeadline = fund.GoalDeadline,
        Presets = fund.PresetsMinor is { Length: > 0 } presets
            ? string.Join(", ", presets.Split(',')
                .Select(p => new Money(long.Parse(p, CultureInfo.InvariantCulture), Core.Shared.Currency.Of(fund.Currency)).ToPlainString()))
            : null,
        Featured = fund.Featured,
        FeaturedOrder = fund.FeaturedOrder,
        Status = fund.Status,
    }.Offer(fund.Intervals);

    public sealed class TranslationForm
    {
        public string? Language { get; set; }

        public string? Name { get; set; }

        public string? Summary { get; set; }

        public string? Story { get; set; }
    }

    /// <summary>The countries a village can be in, by their English names (staff pages are English).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Countries { get; } =
        Core.Donors.Countries.AllIn(CultureInfo.GetCultureInfo("en-GB"));
}

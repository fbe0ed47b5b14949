using System.Globalization;
using System.Resources;
using Portal.Core.Languages;

namespace Portal.Core.Transparency;

/// <summary>
/// The words of a transparency report's PDF and of the e-mailed summary, from <c>ReportTexts.resx</c> and its
/// translations, in the reader's language (English for a language not supported).
/// </summary>
public sealed class ReportTexts
{
    private static readonly ResourceManager Resources = new("Portal.Core.Transparency.ReportTexts", typeof(ReportTexts).Assembly);

    private readonly DonorTexts texts;

    private ReportTexts(string? language) => texts = new DonorTexts(Resources, language);

    public static ReportTexts For(string? language) => new(language);

    /// <summary>The texts for a culture's language ("de-AT" reads German); English for any other.</summary>
    public static ReportTexts For(IFormatProvider? culture) => new((culture as CultureInfo)?.Name);

    public string Language => texts.Language;

    public CultureInfo Culture => texts.Culture;

    public string this[string key] => texts[key];

    public string Format(string key, params object?[] values) => texts.Format(key, values);

    /// <summary>The label of one of <see cref="ReportFigures.LinesIn"/>: "Opening", "Gifts", … "Closing".</summary>
    public string Line(string key) => texts[$"Line_{key}"];

    /// <summary>A spending category by its code; the label stored with the figures for a code without a text.</summary>
    public string Category(CategorySpending category) => texts.Find($"Category_{category.Code}") ?? category.Label;

    /// <summary>"Q3 2026" (in French and Spanish "T3 2026") or "2026".</summary>
    public string PeriodTitle(string periodKey) =>
        !ReportPeriod.TryParse(periodKey, out var period) ? periodKey
        : period.Kind == ReportPeriodKind.Quarter
            ? texts.Format("Quarter", (period.Start.Month - 1) / 3 + 1, period.Start.Year.ToString(CultureInfo.InvariantCulture))
            : period.Key;

    /// <summary>A day written out in the language, with the month names of <paramref name="culture"/>.</summary>
    public string Date(DateOnly day, IFormatProvider culture) => day.ToString(DonorTexts.LongDatePattern(Language), culture);
}

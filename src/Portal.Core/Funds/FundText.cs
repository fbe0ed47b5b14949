using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Languages;

namespace Portal.Core.Funds;

/// <summary>What a donor reads of a fund, in one language: each text translated where it is, else the fund's own.</summary>
public sealed record FundText(string Name, string Summary, string Story)
{
    /// <summary>The languages a fund can be translated into: every supported one but the default its columns are in.</summary>
    public static IReadOnlyList<string> Languages { get; } = PortalLanguages.Supported.Where(l => l != PortalLanguages.Default).ToList();

    public static FundText Of(Fund fund, FundTranslation? translation) => new(
        Pick(translation?.Name, fund.Name), Pick(translation?.Summary, fund.Summary), Pick(translation?.Story, fund.Story));

    /// <summary>The funds' texts in the language (a code or culture name), falling back text by text.</summary>
    public static async Task<IReadOnlyDictionary<Guid, FundText>> ForAsync(
        PortalDbContext db, IReadOnlyCollection<Fund> funds, string? language, CancellationToken cancellationToken)
    {
        var code = PortalLanguages.Normalize(language);
        var ids = funds.Select(f => f.Id).ToList();
        var translations = code == PortalLanguages.Default
            ? []
            : await db.FundTranslations.AsNoTracking().Where(t => t.Language == code && ids.Contains(t.FundId))
                .ToDictionaryAsync(t => t.FundId, cancellationToken);
        return funds.ToDictionary(f => f.Id, f => Of(f, translations.GetValueOrDefault(f.Id)));
    }

    /// <summary>The languages in which at least one of name, summary or story is not translated.</summary>
    public static IReadOnlyList<string> MissingIn(IEnumerable<FundTranslation> translations)
    {
        var complete = translations.Where(t => !string.IsNullOrWhiteSpace(t.Name) && !string.IsNullOrWhiteSpace(t.Summary)
            && !string.IsNullOrWhiteSpace(t.Story)).Select(t => t.Language).ToHashSet();
        return Languages.Where(l => !complete.Contains(l)).ToList();
    }

    private static string Pick(string? translated, string own) => string.IsNullOrWhiteSpace(translated) ? own : translated;
}

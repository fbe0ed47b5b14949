using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Shared;
using Portal.Core.Transparency;

namespace Portal.Core.Funds;

/// <summary>What a fund must be before it is saved; each problem names its field, so the form says all of them at once.</summary>
public sealed partial class FundRules(PortalDbContext db, Payments.CurrencyRules currencies)
{
    /// <summary>A form offers a few amounts to choose from, besides the donor's own.</summary>
    public const int MaxPresets = 6;

    private static readonly char[] PresetSeparators = [',', ';'];

    public const int StoryMaxLength = 20_000;
    public const string PublishNeedsConfirmation =
        "Publishing needs the confirmation that you checked the texts: no names, exact places or faces of children.";
    public const string ChangeNeedsConfirmation =
        "The texts of a public fund changed and may identify a child: read the warnings and confirm that you checked them.";

    public async Task<List<FundProblem>> CheckAsync(Fund? fund, FundInput input, bool hasMoney, CancellationToken cancellationToken)
    {
        var problems = new List<FundProblem>();
        void Problem(string field, string message) => problems.Add(new FundProblem(field, message));
        Text(input.Name, 120, nameof(input.Name), "Name", Problem);
        Text(input.Summary, 400, nameof(input.Summary), "Summary", Problem);
        Text(input.Story, StoryMaxLength, nameof(input.Story), "Story", Problem);
        var slug = input.Slug?.Trim() ?? "";
        if (slug.Length is 0 or > 80 || !SlugPattern().IsMatch(slug))
        {
            Problem(nameof(input.Slug), "Address: lower-case letters, digits and single hyphens, at most 80 characters (children-village-lima).");
        }
        else if (await db.Funds.AnyAsync(f => f.Slug == slug && f.Id != (fund == null ? Guid.Empty : fund.Id), cancellationToken)
            || await db.FundSlugRedirects.AnyAsync(r => r.OldSlug == slug && r.FundId != (fund == null ? Guid.Empty : fund.Id), cancellationToken))
        {
            Problem(nameof(input.Slug), "Another fund has (or had) this address; choose another.");
        }

        if (fund is null)
        {
            var code = input.Code?.Trim().ToUpperInvariant() ?? "";
            if (code.Length is 0 or > 16 || !CodePattern().IsMatch(code))
            {
                Problem(nameof(input.Code), "Code: capital letters, digits and hyphens, at most 16 characters (PER01).");
            }
            else if (await db.Funds.AnyAsync(f => f.Code == code, cancellationToken))
            {
                Problem(nameof(input.Code), "Another fund has this code; finance knows funds by it, so choose another.");
            }
        }

        Where(input, Problem);
        Money(fund, input, hasMoney, Problem);
        if (input.FeaturedOrder is < 0 or > 999)
        {
            Problem(nameof(input.FeaturedOrder), "Order on the home page: a whole number from 0 to 999.");
        }

        if (!Enum.IsDefined(input.Status))
        {
            Problem(nameof(input.Status), "Choose draft, published or closed.");
        }
        else if (input.Status == FundStatus.Draft && fund is { Status: not FundStatus.Draft } && hasMoney)
        {
            Problem(nameof(input.Status), "Donors have given to this fund, so it cannot become a draft again; close it instead.");
        }

        if ((input.Intervals & FundIntervals.All) == FundIntervals.None || (input.Intervals & ~FundIntervals.All) != FundIntervals.None)
        {
            Problem(nameof(input.Intervals), "Offer at least one way of giving: once, monthly, quarterly or yearly.");
        }

        foreach (var translation in input.Translations)
        {
            if (!FundText.Languages.Contains(translation.Language))
            {
                Problem(nameof(input.Translations), $"There is no translation into \"{translation.Language}\".");
                continue;
            }

            Limit(translation.Name, 120, nameof(input.Translations), $"Name ({translation.Language})", Problem);
            Limit(translation.Summary, 400, nameof(input.Translations), $"Summary ({translation.Language})", Problem);
            Limit(translation.Story, StoryMaxLength, nameof(input.Translations), $"Story ({translation.Language})", Problem);
        }

        return problems;
    }

    private static void Where(FundInput input, Action<string, string> problem)
    {
        if (!Enum.IsDefined(input.Kind))
        {
            problem(nameof(input.Kind), "Choose a village or a program.");
            return;
        }

        var village = input.Kind == FundKind.Village;
        var country = Upper(input.CountryCode);
        if ((village && string.IsNullOrEmpty(country)) || (!string.IsNullOrEmpty(country) && !Countries.IsKnown(country)))
        {
            problem(nameof(input.CountryCode), "Choose the village's country.");
        }

        var place = input.Place?.Trim() ?? "";
        if (village && place.Length == 0)
        {
            problem(nameof(input.Place), "Enter the town or region.");
        }
        else if (place.Length > 120 || place.Any(char.IsDigit) || ChildDataScan.Scan([("the place", place)]).Any(w => w.Kind == ChildDataKind.Place))
        {
            problem(nameof(input.Place), "Place: the town or region only (at most 120 characters), never a street, house or number.");
        }

        if (!village && (input.Area is not { } area || !Enum.IsDefined(area)))
        {
            problem(nameof(input.Area), "Choose what the program does.");
        }
    }

    /// <summary>
    /// The amounts as stored (minor units, ascending, comma-separated), or null if one is not an amount of the currency
    /// within the portal's limits; commas separate amounts, so an amount is written without thousands separators.
    /// </summary>
    public string? Presets(string text, Currency currency)
    {
        var (minimum, maximum) = currencies.Limits(currency);
        var amounts = new List<long>();
        foreach (var item in text.Split(PresetSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Shared.Money.TryParseMajor(item, currency, out var amount) || amount.Minor < minimum.Minor || amount.Minor > maximum.Minor)
            {
                return null;
            }

            amounts.Add(amount.Minor);
        }

        return amounts.Count is 0 or > MaxPresets || amounts.Distinct().Count() != amounts.Count
            ? null
            : string.Join(",", amounts.Order().Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private void Money(Fund? fund, FundInput input, bool hasMoney, Action<string, string> problem)
    {
        if (!Currency.TryParse(Upper(input.Currency), out var currency))
        {
            problem(nameof(input.Currency), "Currency: a three-letter code such as EUR.");
            return;
        }

        if (fund is not null && fund.Currency != currency.Code && hasMoney)
        {
            problem(nameof(input.Currency), $"The fund has money in its books in {fund.Currency}, so its currency cannot change.");
        }

        if (!string.IsNullOrWhiteSpace(input.Presets) && Presets(input.Presets, currency) is null)
        {
            var (minimum, maximum) = currencies.Limits(currency);
            problem(nameof(input.Presets), $"Amounts offered: 1 to {MaxPresets} different amounts of {currency.Code} separated by commas, "
                + $"each from {minimum.ToPlainString()} to {maximum.ToPlainString()} (\"25, 50, 100\"), or nothing for the usual ones.");
        }

        if (!string.IsNullOrWhiteSpace(input.Goal) && (!Shared.Money.TryParseMajor(input.Goal, currency, out var goal) || goal.Minor <= 0))
        {
            problem(nameof(input.Goal), currency.MinorDigits == 0
                ? $"Goal: a whole amount of {currency.Code} above zero, or nothing."
                : $"Goal: an amount of {currency.Code} above zero with at most {currency.MinorDigits} decimals, or nothing.");
        }
    }

    internal static string? Upper(string? code) => code?.Trim().ToUpperInvariant();

    private static void Text(string? value, int max, string field, string label, Action<string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problem(field, $"{label}: enter it.");
        }

        Limit(value, max, field, label, problem);
    }

    private static void Limit(string? value, int max, string field, string label, Action<string, string> problem)
    {
        if (value?.Trim().Length > max)
        {
            problem(field, $"{label}: at most {max} characters.");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Z0-9]+(?:-[A-Z0-9]+)*$")]
    private static partial Regex CodePattern();
}

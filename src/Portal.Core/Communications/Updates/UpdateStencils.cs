using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Communications.Consent;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Languages;
using Portal.Core.Ledger;
using Portal.Core.Transparency;

namespace Portal.Core.Communications.Updates;

/// <summary>
/// Renders an update's <see cref="UpdateStencil"/> for a language and fund: the Razor template with the sanitised body,
/// the fund's name and a line on how its money was spent this year, taken from the ledger's fund statement.
/// </summary>
public sealed class UpdateStencils(
    PortalDbContext db,
    EmailRenderer renderer,
    FundStatements statements,
    PublicUrls urls,
    CharityCalendar calendar,
    IOptions<PortalOptions> portal,
    ReportSummary summaries)
{
    public async Task<UpdateStencil> RenderAsync(ImpactUpdate update, string? language, Guid? fundId, CancellationToken cancellationToken)
    {
        var text = UpdateEmailText.For(language);
        var fund = fundId is { } id ? await db.Funds.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken) : null;
        var spendingLine = fund is null ? null : await SpendingLineAsync(fund, text, cancellationToken);
        var (title, markdown) = await WordsAsync(update, text.Language, cancellationToken);
        var body = UpdateMarkdown.Render(markdown);
        var charity = portal.Value.CharityName;
        var webUrl = urls.To($"updates/{update.Id}").AbsoluteUri;
        var why = fund is null || update.AudienceKind == UpdateAudienceKind.AllDonors
            ? text.Format("WhyAll", charity)
            : text.Format("WhyFund", fund.Name);
        var html = await renderer.RenderAsync<UpdateEmail>(new Dictionary<string, object?>
        {
            ["CharityName"] = charity,
            ["Title"] = title,
            ["Language"] = text.Language,
            ["Greeting"] = text.Format("Greeting", UpdateStencil.Markers.Name),
            ["BodyHtml"] = ForMail(body.Html),
            ["SpendingLine"] = spendingLine,
            ["WebUrl"] = webUrl,
            ["ViewOnWeb"] = text["ViewOnWeb"],
            ["Why"] = why,
            ["Unsubscribe"] = text.Unsubscribe(update.Topic),
            ["Preferences"] = text["Preferences"],
        });
        var plain = string.Join("\n", [
            text.Format("Greeting", UpdateStencil.Markers.Name), "",
            title.ToUpperInvariant(), "",
            body.Text, "",
            UpdateStencil.Markers.GivenLine,
            spendingLine is null ? "" : spendingLine + "\n",
            $"{text["ViewOnWeb"]}: {webUrl}", "",
            "-- ", why,
            $"{text.Unsubscribe(update.Topic)}: {UpdateStencil.Markers.UnsubscribeUrl}",
            $"{text["Preferences"]}: {UpdateStencil.Markers.PreferencesUrl}", ""]);
        return new UpdateStencil(title, html, plain, text.Language);
    }

    /// <summary>
    /// The update's title and body as staff wrote them; a transparency report's summary is written by the portal, so a
    /// reader of another language gets it in theirs.
    /// </summary>
    private async Task<(string Title, string Markdown)> WordsAsync(ImpactUpdate update, string language, CancellationToken cancellationToken)
    {
        if (update.TransparencyReportId is not { } reportId || language == PortalLanguages.Default)
        {
            return (update.Title, update.BodyMarkdown);
        }

        var report = await db.TransparencyReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        var fund = report is null ? null : await db.Funds.AsNoTracking().SingleOrDefaultAsync(f => f.Id == report.FundId, cancellationToken);
        return report is null || fund is null
            ? (update.Title, update.BodyMarkdown)
            : (ReportSummary.Title(report, fund, language), summaries.Markdown(report, fund, language));
    }

    /// <summary>The line for a recipient who gave this year, or null.</summary>
    public static string? GivenLine(UpdateEmailText text, long minor, string? currency, string? fundName)
    {
        if (minor <= 0 || currency is null)
        {
            return null;
        }

        var given = new Shared.Money(minor, Shared.Currency.Of(currency)).Format(text.Culture);
        return fundName is null ? text.Format("GivenNoFund", given) : text.Format("GivenToFund", given, fundName);
    }

    private async Task<string> SpendingLineAsync(Fund fund, UpdateEmailText text, CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        var statement = (await statements.ForAsync(fund, new DateOnly(today.Year, 1, 1), today, cancellationToken))
            .FirstOrDefault(s => s.Spent.Currency.Code == fund.Currency);
        var items = statement?.SpendingByCategory.Where(c => c.Amount.Minor > 0).OrderByDescending(c => c.Amount.Minor).Take(3)
            .Select(c => text.Format("SpendingItem", c.Amount.Format(text.Culture), text.Category(c.Category))).ToList() ?? [];
        return items.Count == 0
            ? text.Format("SpendingNone", fund.Name, today.Year)
            : text.Format("SpendingLine", fund.Name, today.Year, text.List(items));
    }

    /// <summary>Mail clients need absolute addresses and cannot be trusted to scale pictures.</summary>
    private string ForMail(string html)
    {
        var root = urls.BaseUrl.AbsoluteUri;
        return html.Replace("src=\"/", $"src=\"{root}", StringComparison.Ordinal)
            .Replace("href=\"/", $"href=\"{root}", StringComparison.Ordinal)
            .Replace("<img ", "<img style=\"max-width:100%;height:auto;\" ", StringComparison.Ordinal);
    }
}

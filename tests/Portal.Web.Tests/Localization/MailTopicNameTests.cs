using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Consent;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Localization;

/// <summary>The unsubscribe and mail-preferences pages name each topic in the reader's language.</summary>
public class MailTopicNameTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    [Fact]
    public async Task A_German_reader_unsubscribes_from_Spendenaufrufe_though_the_donor_saved_English()
    {
        var portal = await shared.GetAsync();
        var (_, token) = await EnglishDonorAsync(portal, MailTopics.Appeals);
        var reader = Reader(portal, "de-DE");

        var asked = await reader.TextAsync($"/unsubscribe/{token}");
        Assert.Contains("Spendenaufrufe an ", asked, StringComparison.Ordinal);
        Assert.DoesNotContain("appeals", asked, StringComparison.OrdinalIgnoreCase);

        var done = await reader.PostAsync($"/unsubscribe/{token}", new FormUrlEncodedContent([]));
        var said = WebUtility.HtmlDecode(await done.Content.ReadAsStringAsync());
        Assert.Contains(" erhält keine Spendenaufrufe mehr.", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preferences_page_names_and_records_the_topics_in_German()
    {
        var portal = await shared.GetAsync();
        var (email, token) = await EnglishDonorAsync(portal, MailTopics.ImpactUpdates);
        var reader = Reader(portal, "de-DE");
        var url = $"/mail-preferences/{token}";

        var page = await reader.TextAsync(url);
        Assert.Contains("<strong>Berichte aus der Arbeit</strong>: Geschichten aus den Dörfern", page, StringComparison.Ordinal);
        Assert.Contains("<strong>Transparenzberichte</strong>", page, StringComparison.Ordinal);
        Assert.Contains("<strong>Spendenaufrufe</strong>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Impact updates", page, StringComparison.Ordinal);

        // The record keeps the words the donor read, in German, and the page shows them back in German.
        var saved = await reader.PostAsync(url, new Dictionary<string, string> { ["Wanted"] = nameof(MailTopics.Appeals) });
        var after = WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync());
        Assert.Contains("Sie haben am ", after, StringComparison.Ordinal);
        Assert.Contains("mit den Worten: <q>Spendenaufrufe: Gelegentliche Bitten um Hilfe in einem Notfall.</q>", after, StringComparison.Ordinal);
        var record = await portal.QueryAsync(db => db.ConsentRecords
            .Where(r => db.Donors.Any(d => d.Id == r.DonorId && d.Email == email) && r.Topic == MailTopics.Appeals)
            .OrderByDescending(r => r.Id).FirstAsync());
        Assert.Equal(("preferences.appeals.v1.de", true), (record.WordingId, record.Given));
    }

    [Fact]
    public async Task The_accounts_mail_preferences_are_in_the_donors_saved_language()
    {
        var portal = await shared.GetAsync();
        var email = SharedPortal.Email();
        var donor = Reader(portal, "fr-FR");
        Assert.Equal(HttpStatusCode.Redirect, (await donor.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm(email))).StatusCode);
        await donor.SignInAsync(portal, email);

        var toPage = await donor.GetAsync("/account/mail-preferences");
        var page = await donor.TextAsync(toPage.Headers.Location!.OriginalString);

        Assert.Contains("<strong>Nouvelles de nos actions</strong>", page, StringComparison.Ordinal);
        Assert.Contains("<strong>Appels aux dons</strong>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Transparency reports", page, StringComparison.Ordinal);
    }

    private static async Task<(string Email, string Token)> EnglishDonorAsync(PortalFactory portal, MailTopics topic)
    {
        var email = SharedPortal.Email();
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm(email))).StatusCode);
        var donorId = await portal.QueryAsync(db => db.Donors.Where(d => d.Email == email && d.Language == "en").Select(d => d.Id).SingleAsync());
        return (email, portal.Services.GetRequiredService<UnsubscribeLinks>().Token(donorId, topic));
    }

    private static HttpClient Reader(PortalFactory portal, string acceptLanguage)
    {
        var client = portal.Browser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }
}

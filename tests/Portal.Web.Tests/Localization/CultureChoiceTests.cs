using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Shared;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Localization;

/// <summary>
/// Which language a donor page is written in: the signed-in donor's saved language, then the switcher's cookie, then
/// the browser's Accept-Language, then English; and the choice is saved on the donor.
/// </summary>
public class CultureChoiceTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    private const string English = "We build families for children in need";
    private const string German = "Wir geben Kindern in Not eine Familie";
    private const string French = "Nous donnons une famille aux enfants dans le besoin";
    private const string Spanish = "Construimos familias para niños y niñas que lo necesitan";

    [Fact]
    public async Task Accept_Language_chooses_the_texts_and_the_readers_own_format_stays()
    {
        var portal = await shared.GetAsync();
        var english = await portal.Browser().TextAsync("/");
        Assert.Contains(English, english, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);

        // The home page is served from the public page cache: a German reader must not get the English copy.
        var austrian = Reader(portal, "de-AT,de;q=0.9,en;q=0.5");
        var german = await austrian.TextAsync("/");
        Assert.Contains(German, german, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", german, StringComparison.Ordinal);
        Assert.DoesNotContain(English, german, StringComparison.Ordinal);

        // German texts, Austrian numbers: de-AT writes the goal as "€ 50.000,00", de-DE as "50.000,00 €".
        var fund = await austrian.TextAsync("/funds/nairobi");
        Assert.Contains("Nairobi unterstützen", fund, StringComparison.Ordinal);
        var goal = await portal.QueryAsync(db => db.Funds.Where(f => f.Slug == "nairobi")
            .Select(f => new Money(f.GoalMinor!.Value, Currency.Of(f.Currency))).SingleAsync());
        Assert.Contains(goal.Format(CultureInfo.GetCultureInfo("de-AT")), fund, StringComparison.Ordinal);
        Assert.NotEqual(goal.Format(CultureInfo.GetCultureInfo("de-AT")), goal.Format(CultureInfo.GetCultureInfo("de-DE")));

        var italian = await Reader(portal, "it-IT").TextAsync("/");
        Assert.Contains(English, italian, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switchers_cookie_beats_Accept_Language_and_a_post_from_another_site_is_refused()
    {
        var portal = await shared.GetAsync();
        var reader = Reader(portal, "de-DE");

        var switched = await Switch(reader, "fr", "/villages?country=KE");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/villages?country=KE", switched.Headers.Location?.OriginalString);
        Assert.Contains(French, await reader.TextAsync("/"), StringComparison.Ordinal);

        var forged = new HttpRequestMessage(HttpMethod.Post, "/language")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["language"] = "es", ["returnUrl"] = "/" }),
        };
        forged.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.SendAsync(forged)).StatusCode);
        Assert.Contains(French, await reader.TextAsync("/"), StringComparison.Ordinal);

        var elsewhere = await Switch(reader, "es", "//evil.example/");
        Assert.Equal("/", elsewhere.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, (await Switch(reader, "xx", "/")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_donors_saved_language_beats_the_cookie_and_Accept_Language()
    {
        var portal = await shared.GetAsync();
        var email = SharedPortal.Email();
        var donor = Reader(portal, "de-DE");
        Assert.Equal(HttpStatusCode.Redirect, (await donor.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm(email))).StatusCode);
        await Switch(donor, "fr", "/");
        await donor.SignInAsync(portal, email);
        await portal.QueryAsync(db => db.Donors.Where(d => d.Email == email)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Language, "es")));

        var home = await donor.TextAsync("/");
        Assert.Contains(Spanish, home, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"es\">", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_while_signed_in_saves_the_donors_language_and_needs_the_pages_token()
    {
        var portal = await shared.GetAsync();
        var email = SharedPortal.Email();
        var donor = portal.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await donor.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm(email))).StatusCode);
        Assert.Equal("en", await LanguageOf(portal, email));
        await donor.SignInAsync(portal, email);

        // Without the page's token a signed-in donor's language is not changed (a forged form cannot change it).
        Assert.Equal(HttpStatusCode.BadRequest, (await Switch(donor, "fr", "/account")).StatusCode);
        Assert.Equal("en", await LanguageOf(portal, email));

        var switched = await donor.PostAsync(
            "/account", new Dictionary<string, string> { ["language"] = "de", ["returnUrl"] = "/account" }, action: "/language");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("de", await LanguageOf(portal, email));

        // Saved on the donor: a new browser, English by its header, shows German once the donor signs in there.
        var laptop = Reader(portal, "en-GB");
        await laptop.SignInAsync(portal, email);
        Assert.Contains(German, await laptop.TextAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_donor_from_the_sponsor_form_in_German_is_saved_with_de()
    {
        var portal = await shared.GetAsync();
        var email = SharedPortal.Email();
        var reader = Reader(portal, "de-DE,de;q=0.9");

        Assert.Contains("Weiter zur sicheren Zahlung", await reader.TextAsync("/funds/nairobi/sponsor"), StringComparison.Ordinal);
        var form = await reader.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm(email));

        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Equal("de", await LanguageOf(portal, email));
    }

    [Fact]
    public async Task The_sponsor_form_says_what_is_wrong_in_the_readers_language()
    {
        var portal = await shared.GetAsync();
        var form = Donors.SponsorForm(SharedPortal.Email());
        form["Input.Name"] = "";
        form["Input.Email"] = "ada@";

        var answer = await Reader(portal, "es-ES").PostAsync("/funds/nairobi/sponsor", form);
        var page = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());

        Assert.Contains("Escribe tu nombre.", page, StringComparison.Ordinal);
        Assert.Contains("Escribe tu dirección de correo electrónico, por ejemplo name@example.org.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Country_names_are_in_the_readers_language_on_the_villages_filter_the_cards_and_the_sponsor_form()
    {
        var portal = await shared.GetAsync();

        var german = WebUtility.HtmlDecode(await Reader(portal, "de-DE").TextAsync("/villages"));
        Assert.Matches(@"<option value=""KE""[^>]*>Kenia</option>", german);
        Assert.Contains("Nairobi, Kenia", german, StringComparison.Ordinal);
        Assert.DoesNotContain("Kenya", german, StringComparison.Ordinal);
        Assert.Contains("Nairobi, Kenya", WebUtility.HtmlDecode(await Reader(portal, "en-GB").TextAsync("/villages")), StringComparison.Ordinal);

        foreach (var (language, germany, austria) in new[]
        {
            ("de-DE", "Deutschland", "Österreich"), ("fr-FR", "Allemagne", "Autriche"), ("es-ES", "Alemania", "Austria"),
        })
        {
            var form = WebUtility.HtmlDecode(await Reader(portal, language).TextAsync("/funds/nairobi/sponsor"));
            Assert.Matches($@"<option value=""DE""[^>]*>{germany}</option>", form);
            Assert.Matches($@"<option value=""AT""[^>]*>{austria}</option>", form);
            // Sorted as the reader's language sorts: Österreich among the O's in German, not after Z.
            if (language == "de-DE")
            {
                var (o, p, z) = (form.IndexOf(">Oman<", StringComparison.Ordinal), form.IndexOf(">Österreich<", StringComparison.Ordinal),
                    form.IndexOf(">Zypern<", StringComparison.Ordinal));
                Assert.True(o < p && p < z, $"Oman {o}, Österreich {p}, Zypern {z}");
            }
        }
    }

    private static HttpClient Reader(PortalFactory portal, string acceptLanguage)
    {
        var client = portal.Browser();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    private static Task<HttpResponseMessage> Switch(HttpClient client, string language, string returnUrl) =>
        client.PostAsync(
            "/language", new FormUrlEncodedContent(new Dictionary<string, string> { ["language"] = language, ["returnUrl"] = returnUrl }));

    private static Task<string> LanguageOf(PortalFactory portal, string email) =>
        portal.QueryAsync(db => db.Donors.Where(d => d.Email == email).Select(d => d.Language).SingleAsync());
}

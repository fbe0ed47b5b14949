using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Consent;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

/// <summary>
/// The sponsor form asks each topic apart, unticked; the preferences pages show what was agreed (words, date, source) and
/// change one topic without the others, recording where the change came from.
/// </summary>
public class ConsentPagesTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    [Fact]
    public async Task The_sponsor_form_offers_each_topic_unticked()
    {
        var portal = await shared.GetAsync();

        var form = await portal.Browser().TextAsync("/funds/nairobi/sponsor");

        foreach (var field in new[] { "ConsentImpactUpdates", "ConsentTransparencyReports", "ConsentAppeals" })
        {
            var box = System.Text.RegularExpressions.Regex.Match(form, $"<input[^>]*name=\"Input.{field}\"[^>]*>").Value;
            Assert.Contains("type=\"checkbox\"", box, StringComparison.Ordinal);
            Assert.DoesNotContain("checked", box, StringComparison.Ordinal);
        }

        Assert.Contains(ConsentWordings.SponsorForm(ConsentWordings.SponsorFormSet, MailTopics.Appeals, "x").Text, form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_account_preferences_show_what_was_agreed_and_withdraw_one_topic()
    {
        var portal = await shared.GetAsync();
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, "consent-ada@example.org");
        await donor.SignInAsync(portal, "consent-ada@example.org");

        var toPage = await donor.GetAsync("/account/mail-preferences");
        Assert.Equal(HttpStatusCode.Redirect, toPage.StatusCode);
        var url = toPage.Headers.Location!.OriginalString;
        var page = await donor.TextAsync(url);
        var shown = ConsentWordings.SponsorForm(ConsentWordings.SponsorFormSet, MailTopics.ImpactUpdates, "Children's Village Nairobi").Text;
        Assert.Contains("You agreed on ", page, StringComparison.Ordinal);
        Assert.Contains($"from the sponsor form /funds/nairobi/sponsor, to the words: <q>{shown}</q>", page, StringComparison.Ordinal);
        Assert.Contains("You have not agreed to this.", page, StringComparison.Ordinal);

        var saved = await donor.PostAsync(url, new Dictionary<string, string> { ["Wanted"] = nameof(MailTopics.TransparencyReports) });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync());
        Assert.Contains("You withdrew on ", after, StringComparison.Ordinal);
        Assert.Contains(
            "from the account mail preferences /account/mail-preferences, to the words: <q>Impact updates:", after, StringComparison.Ordinal);

        var (consents, records) = await portal.QueryAsync(async db =>
        {
            var ada = await db.Donors.SingleAsync(d => d.Email == "consent-ada@example.org");
            return (ada.MailConsents, await db.ConsentRecords.Where(r => r.DonorId == ada.Id).OrderBy(r => r.Id).ToListAsync());
        });
        Assert.Equal(MailTopics.TransparencyReports, consents);
        Assert.Equal(3, records.Count);
        Assert.Equal((MailTopics.ImpactUpdates, false), (records[^1].Topic, records[^1].Given));
    }
}

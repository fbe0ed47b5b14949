using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Funds;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Areas;

/// <summary>
/// Communications create a fund as a draft, translate it, publish it with the child-data confirmation, move its address
/// and close it; the public pages follow at once and never show a draft.
/// </summary>
public class FundsEditorPageTests
{
    internal const string Editor = "/communications/funds/edit";

    [Fact]
    public async Task A_new_fund_is_a_draft_until_published_then_public_in_the_readers_language()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        var visitor = portal.Browser();
        Assert.DoesNotContain("Children's Village Cusco", await visitor.TextAsync("/funds"), StringComparison.Ordinal);

        var id = await CreateAsync(comms, Fields());
        Assert.Equal(FundStatus.Draft, await portal.QueryAsync(db => db.Funds.Where(f => f.Id == id).Select(f => f.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/funds/cusco")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/funds/cusco/sponsor")).StatusCode);
        Assert.DoesNotContain("Children's Village Cusco", await visitor.TextAsync("/funds"), StringComparison.Ordinal);
        Assert.DoesNotContain("Children's Village Cusco", await visitor.TextAsync("/"), StringComparison.Ordinal);
        var list = await comms.TextAsync("/communications/funds");
        Assert.Contains("Children's Village Cusco", list, StringComparison.Ordinal);
        Assert.Contains("fr, es", list, StringComparison.Ordinal);

        var unconfirmed = await comms.PostAsync($"{Editor}/{id}", Fields(status: "Open"));
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains(FundRules.PublishNeedsConfirmation, await BodyAsync(unconfirmed), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/funds/cusco")).StatusCode);

        var published = await comms.PostAsync($"{Editor}/{id}", Fields(status: "Open", confirmed: true));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var english = await visitor.TextAsync("/funds/cusco");
        Assert.Contains("<h1>Children's Village Cusco</h1>", english, StringComparison.Ordinal);
        Assert.Contains("€120,000.50", english, StringComparison.Ordinal);
        Assert.Contains("Children's Village Cusco", await visitor.TextAsync("/funds"), StringComparison.Ordinal);
        Assert.Contains("Children's Village Cusco", await visitor.TextAsync("/"), StringComparison.Ordinal);
        var german = portal.Browser();
        german.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        var page = await german.TextAsync("/funds/cusco");
        Assert.Contains("<h1>Kinderdorf Cusco</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<strong>Familien</strong> im Hochland", page, StringComparison.Ordinal);
        // No German summary was given: the fund's own is shown.
        Assert.Contains("Houses in the highlands.", page, StringComparison.Ordinal);
        Assert.Contains("Kinderdorf Cusco", await german.TextAsync("/funds"), StringComparison.Ordinal);

        var fund = await portal.QueryAsync(db => db.Funds.SingleAsync(f => f.Id == id));
        Assert.Equal(12_000_050, fund.GoalMinor);
        Assert.StartsWith("communications-", fund.ChildDataConfirmedBy, StringComparison.Ordinal);
        var actions = await portal.QueryAsync(db => db.AuditRecords.Where(r => r.Subject == $"fund:{id}").OrderBy(r => r.Id)
            .Select(r => r.Action).ToListAsync());
        Assert.Equal(["fund.created", "fund.edited", "fund.published", "fund.child-data-confirmed"], actions);
    }

    [Fact]
    public async Task A_changed_address_answers_301_to_the_new_one_and_bad_input_is_a_message()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        var id = await CreateAsync(comms, Fields(status: "Open", confirmed: true));

        var bad = await comms.PostAsync($"{Editor}/{id}", Fields(slug: "Cusco Village", goal: "12.345", status: "Open"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var refusal = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Address: lower-case letters, digits and single hyphens", refusal, StringComparison.Ordinal);
        Assert.Contains("Goal: an amount of EUR above zero with at most 2 decimals", refusal, StringComparison.Ordinal);
        var taken = await comms.PostAsync($"{Editor}/{id}", Fields(slug: "nairobi", status: "Open"));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("Another fund has (or had) this address", await BodyAsync(taken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await comms.PostAsync($"{Editor}/{id}", Fields(order: "many", status: "Open"))).StatusCode);

        var moved = await comms.PostAsync($"{Editor}/{id}", Fields(slug: "cusco-highlands", status: "Open"));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var visitor = portal.Browser();
        var old = await visitor.GetAsync("/funds/cusco");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/funds/cusco-highlands", old.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/funds/cusco-highlands")).StatusCode);
        Assert.Contains(
            "fund.address-changed",
            await portal.QueryAsync(db => db.AuditRecords.Where(r => r.Subject == $"fund:{id}").Select(r => r.Action).ToListAsync()));
    }

    [Fact]
    public async Task A_child_data_warning_blocks_publishing_until_confirmed()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        var story = "A girl named Esperanza now lives at 12 Riverside Road.";
        var id = await CreateAsync(comms, Fields(story: story));

        var editor = await comms.TextAsync($"{Editor}/{id}");
        var warnings = editor[editor.IndexOf("child-data-warnings", StringComparison.Ordinal)..];
        Assert.Contains("A possible name in the story: \"Esperanza\"", warnings, StringComparison.Ordinal);
        Assert.Contains("A possible exact place in the story: \"12 Riverside Road\"", warnings, StringComparison.Ordinal);
        var refused = await comms.PostAsync($"{Editor}/{id}", Fields(story: story, status: "Open"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(FundStatus.Draft, await portal.QueryAsync(db => db.Funds.Where(f => f.Id == id).Select(f => f.Status).SingleAsync()));

        var published = await comms.PostAsync($"{Editor}/{id}", Fields(story: story, status: "Open", confirmed: true));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        // A public fund's new text that raises a warning needs the confirmation again.
        var changed = await comms.PostAsync($"{Editor}/{id}", Fields(story: "Her name is Lucia.", status: "Open"));
        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        Assert.Contains(FundRules.ChangeNeedsConfirmation, await BodyAsync(changed), StringComparison.Ordinal);
        Assert.Equal(
            1,
            await portal.QueryAsync(db => db.AuditRecords.CountAsync(r => r.Subject == $"fund:{id}" && r.Action == "fund.child-data-confirmed")));
    }

    [Fact]
    public async Task Html_in_the_story_is_shown_as_text()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        var story = "Safe <script>alert(1)</script> and <img src=x onerror=alert(2)>";
        await CreateAsync(comms, Fields(story: story, status: "Open", confirmed: true));

        var html = await (await portal.Browser().GetAsync("/funds/cusco")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fund_closed_in_the_editor_takes_no_new_gift()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        var id = await CreateAsync(comms, Fields(status: "Open", confirmed: true));
        Assert.Equal(HttpStatusCode.Redirect, (await comms.PostAsync($"{Editor}/{id}", Fields(status: "Closed"))).StatusCode);

        var response = await portal.Browser().PostAsync("/funds/cusco/sponsor", Donors.SponsorForm());

        Assert.Contains("is not taking new gifts just now", await BodyAsync(response), StringComparison.Ordinal);
        Assert.Equal(0, await portal.QueryAsync(db => db.Sponsorships.CountAsync(s => s.FundId == id)));
        Assert.Contains("This fund is not taking new gifts just now.", await portal.Browser().TextAsync("/funds/cusco"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fund_offers_only_the_ways_of_giving_the_editor_ticked()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        var fields = Fields(status: "Open", confirmed: true);
        fields.Remove("Input.OfferMonthly");
        fields.Remove("Input.OfferQuarterly");
        fields.Remove("Input.OfferYearly");
        var id = await CreateAsync(comms, fields);
        fields.Remove("Input.OfferOnce");
        var none = await comms.PostAsync($"{Editor}/{id}", fields);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("Offer at least one way of giving", await BodyAsync(none), StringComparison.Ordinal);

        var form = await portal.Browser().TextAsync("/funds/cusco/sponsor");
        var monthly = await portal.Browser().PostAsync("/funds/cusco/sponsor", Donors.SponsorForm(interval: "Monthly"));

        Assert.Contains("value=\"Once\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"Monthly\"", form, StringComparison.Ordinal);
        Assert.Contains("Choose one of the ways of giving shown.", await BodyAsync(monthly), StringComparison.Ordinal);
        Assert.Equal(0, await portal.QueryAsync(db => db.Sponsorships.CountAsync(s => s.FundId == id)));
        Assert.Equal(FundIntervals.Once, await portal.QueryAsync(db => db.Funds.Where(f => f.Id == id).Select(f => f.Intervals).SingleAsync()));
    }

    [Fact]
    public async Task A_fund_offers_its_own_amounts_on_the_sponsor_form_and_a_wrong_list_is_a_message()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        var fields = Fields(status: "Open", confirmed: true);
        fields["Input.Presets"] = "80, 20; 40.50";
        var id = await CreateAsync(comms, fields);
        Assert.Equal("2000,4050,8000", await portal.QueryAsync(db => db.Funds.Where(f => f.Id == id).Select(f => f.PresetsMinor).SingleAsync()));
        var edit = await comms.TextAsync($"{Editor}/{id}");
        var euro = Portal.Core.Shared.Currency.Of("EUR");
        string Plain(long minor) => new Portal.Core.Shared.Money(minor, euro).ToPlainString();
        Assert.Contains($"value=\"{Plain(2000)}, {Plain(4050)}, {Plain(8000)}\"", edit, StringComparison.Ordinal);

        var form = await portal.Browser().TextAsync("/funds/cusco/sponsor");
        var radios = Regex.Matches(form, "<input[^>]*id=\"Input_Preset_[^>]*>").Select(m => m.Value).ToList();
        var offered = radios.Select(r => Regex.Match(r, "value=\"([^\"]+)\"").Groups[1].Value).ToList();
        Assert.Equal([Plain(2000), Plain(4050), Plain(8000)], offered);
        Assert.Equal([Plain(4050)], radios.Where(r => r.Contains("checked", StringComparison.Ordinal))
            .Select(r => Regex.Match(r, "value=\"([^\"]+)\"").Groups[1].Value));

        foreach (var wrong in new[] { "twenty", "20, 20", "0.001", "1,2,3,4,5,6,7" })
        {
            fields["Input.Presets"] = wrong;
            var refused = await comms.PostAsync($"{Editor}/{id}", fields);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Amounts offered: 1 to 6 different amounts of EUR", await BodyAsync(refused), StringComparison.Ordinal);
        }

        fields["Input.Presets"] = "";
        Assert.Equal(HttpStatusCode.Redirect, (await comms.PostAsync($"{Editor}/{id}", fields)).StatusCode);
        Assert.Null(await portal.QueryAsync(db => db.Funds.Where(f => f.Id == id).Select(f => f.PresetsMinor).SingleAsync()));
    }

    [Fact]
    public async Task Finance_staff_are_refused_the_funds_editor()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        // Cookie authentication sends a refused member of staff to the portal's 403 page (WebRegistration).
        foreach (var url in new[] { "/communications/funds", Editor })
        {
            var refused = await finance.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/status/403", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await finance.GetAsync(refused.Headers.Location)).StatusCode);
        }

        Assert.False((await portal.Browser().GetAsync("/communications/funds")).IsSuccessStatusCode);
    }

    internal static async Task<string> BodyAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    internal static async Task<Guid> CreateAsync(HttpClient comms, Dictionary<string, string> fields)
    {
        var created = await comms.PostAsync(Editor, fields);
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, body[..Math.Min(body.Length, 3000)]);
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    internal static Dictionary<string, string> Fields(
        string slug = "cusco",
        string story = "Nine **families** in the highlands.",
        string goal = "120,000.50",
        string order = "1",
        string status = "Draft",
        bool confirmed = false)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Children's Village Cusco",
            ["Input.Slug"] = slug,
            ["Input.Code"] = "PER01",
            ["Input.Kind"] = "Village",
            ["Input.CountryCode"] = "PE",
            ["Input.Place"] = "Cusco",
            ["Input.Summary"] = "Houses in the highlands.",
            ["Input.Story"] = story,
            ["Input.Currency"] = "EUR",
            ["Input.Goal"] = goal,
            ["Input.GoalDeadline"] = "2027-06-30",
            ["Input.Featured"] = "true",
            ["Input.FeaturedOrder"] = order,
            ["Input.Status"] = status,
            ["Input.OfferMonthly"] = "true",
            ["Input.OfferQuarterly"] = "true",
            ["Input.OfferYearly"] = "true",
            ["Input.OfferOnce"] = "true",
            ["Input.Translations[0].Language"] = "de",
            ["Input.Translations[0].Name"] = "Kinderdorf Cusco",
            ["Input.Translations[0].Story"] = "Neun **Familien** im Hochland.",
        };
        if (confirmed)
        {
            fields["Input.ChildDataConfirmed"] = "true";
        }

        return fields;
    }
}

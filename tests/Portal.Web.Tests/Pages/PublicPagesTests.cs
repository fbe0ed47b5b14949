using System.Net;
using System.Text.RegularExpressions;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

/// <summary>The public pages, read by visitors: the class shares one portal; a test that gives builds its own.</summary>
public partial class PublicPagesTests(SharedPortal shared) : IClassFixture<SharedPortal>, IAsyncLifetime
{
    private PortalFactory portal = null!;

    public async Task InitializeAsync() => portal = await shared.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_home_page_states_the_mission_and_features_funds()
    {
        var home = await portal.Browser().TextAsync("/");

        Assert.Contains("We build families for children in need", home, StringComparison.Ordinal);
        Assert.True(Cards(home) >= 4);
        Assert.Contains("no real money moves", home, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/villages", 6)]
    [InlineData("/villages?country=KE", 1)]
    [InlineData("/villages?country=NO", 0)]
    [InlineData("/programs", 4)]
    [InlineData("/funds", 10)]
    [InlineData("/funds?kind=program", 4)]
    [InlineData("/funds?kind=village&country=UG", 1)]
    public async Task Funds_are_listed_and_filtered(string url, int count)
    {
        var page = await portal.Browser().TextAsync(url);

        Assert.Equal(count, Cards(page));
        Assert.Contains($"{count} {(count == 1 ? "fund" : "funds")} shown", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fund_page_tells_its_story_goal_progress_and_sponsors()
    {
        var page = await portal.Browser().TextAsync("/funds/gulu");

        Assert.Contains("Children's Village Gulu", page, StringComparison.Ordinal);
        Assert.Contains("vocational school", page, StringComparison.Ordinal);
        Assert.Contains("€70,000.00", page, StringComparison.Ordinal);
        Assert.Contains("€19,800.00", page, StringComparison.Ordinal);
        Assert.Contains("28 % of the goal", page, StringComparison.Ordinal);
        Assert.Contains("0</strong> sponsors", await portal.Browser().GetStringAsync("/funds/gulu"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sponsor_counts_and_progress_grow_with_paid_gifts()
    {
        // A gift changes what the other tests read: a portal of its own.
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");

        var page = await portal.Browser().GetStringAsync("/funds/nairobi");

        Assert.Contains("1</strong> sponsor", page, StringComparison.Ordinal);
        Assert.Contains("74,330.00", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_fund_has_a_generated_picture()
    {
        var response = await portal.Browser().GetAsync("/funds/education/image.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await portal.Browser().GetAsync("/funds/atlantis/image.svg")).StatusCode);
    }

    [Theory]
    [InlineData("/funds/atlantis", 404, "We could not find that page")]
    [InlineData("/no/such/page", 404, "We could not find that page")]
    [InlineData("/status/429", 429, "Too many attempts")]
    [InlineData("/sponsor/thank-you?session_id=cs_made_up", 404, "We could not find that page")]
    [InlineData("/account/receipts/not-a-guid", 404, "We could not find that page")]
    public async Task Errors_get_a_page_in_plain_words(string url, int status, string text)
    {
        var response = await portal.Browser().GetAsync(url);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(text, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_mailbox_shows_what_donors_were_sent_and_nothing_outside_it()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        var visitor = portal.Browser();

        var mailbox = await visitor.TextAsync("/mailbox");
        Assert.Contains("Your receipt", mailbox, StringComparison.Ordinal);
        var file = Regex.Match(mailbox, "href=\"/mailbox/([^\"]+)\"").Groups[1].Value;
        var message = await visitor.TextAsync($"/mailbox/{file}");
        Assert.Contains("/account/receipts/", message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/mailbox/..%2Fportal.db")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/mailbox/demo-staff-accounts.txt")).StatusCode);
    }

    private static int Cards(string html) => CardPattern().Count(html);

    [GeneratedRegex("<article class=\"card\">")]
    private static partial Regex CardPattern();
}

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Sponsorships;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// A donor in a real browser (Debian's Chromium, driven by Playwright) sponsors a village monthly through the
/// sandbox checkout, then finds it on their dashboard. The portal runs on Kestrel with its Hangfire server on, so the
/// confirmation and the e-mails arrive the way they do in the embedded default.
/// </summary>
[Collection(HangfireServerCollection.Name)]
public class DonorBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task A_donor_sponsors_a_village_monthly_and_finds_it_on_the_dashboard()
    {
        Requires.Available(File.Exists(Chromium), $"Chromium at {Chromium}");
        await using var portal = await PortalFactory.CreateAsync(overrides: new Dictionary<string, string?>
        {
            ["Portal:PublicBaseUrl"] = null,
            ["Jobs:RunServer"] = "true",
            ["Jobs:WorkerCount"] = "2",
        });
        portal.UseKestrel(0);
        portal.StartServer();
        var baseUrl = portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        // A phone-sized window: most donors give from a phone.
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Choose a village" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Children's Village Nairobi", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sponsor Children's Village Nairobi" }).ClickAsync();

        await page.GetByLabel("Monthly").CheckAsync();
        await page.GetByLabel("30.00").CheckAsync();
        await page.GetByLabel("Your name").FillAsync("Ada Lovelace");
        await page.GetByLabel("E-mail address").FillAsync("ada@example.org");
        await page.GetByLabel("Country").SelectOptionAsync(new SelectOptionValue { Label = "United Kingdom" });
        await page.GetByLabel("Send me news").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to secure payment" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Donate €30.00" })).ToBeVisibleAsync();
        await page.GetByLabel("Card number or IBAN").FillAsync("4242 4242 4242 4242");
        await page.GetByLabel("Expiry (MM/YY)").FillAsync("12/34");
        await page.GetByLabel("Security code").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Donate €30.00" }).ClickAsync();

        // The page says "Pending" and refreshes itself until the event has been applied by the job.
        await Assertions.Expect(page.GetByText("Payment confirmed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Your monthly sponsorship is active")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "See your gifts and sponsorships" }).ClickAsync();
        await page.GetByLabel("E-mail address").FillAsync("ada@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "E-mail me a sign-in link" }).ClickAsync();
        await Assertions.Expect(page.GetByText("a sign-in link is on its way")).ToBeVisibleAsync();

        // The donor opens their mail: on the embedded default, the local mailbox page.
        await page.GotoAsync("/mailbox");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Your sign-in link" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Link, new() { Name = "Your sign-in link" }).First.ClickAsync();
        await page.Locator("pre a[href*='/account/sign-in/confirm']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to my account" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hello, Ada Lovelace" })).ToBeVisibleAsync();
        var sponsorships = page.GetByRole(AriaRole.Table).First;
        await Assertions.Expect(sponsorships).ToContainTextAsync("Children's Village Nairobi");
        await Assertions.Expect(sponsorships).ToContainTextAsync("Monthly");
        await Assertions.Expect(sponsorships).ToContainTextAsync("Active");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Receipt ") })).ToBeVisibleAsync();

        var sponsorship = await portal.QueryAsync(db => db.Sponsorships.SingleAsync());
        Assert.Equal(SponsorshipStatus.Active, sponsorship.Status);
        Assert.Equal(SponsorshipInterval.Monthly, sponsorship.Interval);
    }
}

using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Core.Sponsorships;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// A donor whose browser speaks German walks the whole path: every page they read is German (headings and buttons),
/// the gift completes, the dashboard shows it, and the language switcher turns the pages to English.
/// The sandbox checkout and the local mailbox are developer tools and stay English.
/// </summary>
[Collection(HangfireServerCollection.Name)]
public partial class GermanDonorBrowserTests
{
    private const string Email = "ada.de@example.org";

    [SkippableFact]
    public async Task A_German_donor_sponsors_a_village_monthly_in_German_and_finds_it_on_the_dashboard()
    {
        await using var browser = await BrowserPortal.StartAsync();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = browser.BaseUrl,
            Locale = "de-DE",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync("/");
        Assert.Equal("de", await page.Locator("html").GetAttributeAsync("lang"));
        await Heading(page, "Wir geben Kindern in Not eine Familie");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ein Kinderdorf wählen" }).ClickAsync();
        await Heading(page, "Kinderdörfer");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kinderdorf Nairobi", Exact = true }).ClickAsync();
        await Heading(page, "Kinderdorf Nairobi unterstützen");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kinderdorf Nairobi unterstützen" }).ClickAsync();

        await Heading(page, "Kinderdorf Nairobi unterstützen", level: 1);
        await page.GetByLabel("Monatlich").CheckAsync();
        await page.GetByLabel("30.00").CheckAsync();
        await page.GetByLabel("Ihr Name").FillAsync("Ada Lovelace");
        await page.GetByLabel("E-Mail-Adresse").FillAsync("ada@");
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zur sicheren Zahlung" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Geben Sie Ihre E-Mail-Adresse ein, etwa name@example.org.").First).ToBeVisibleAsync();
        await page.GetByLabel("E-Mail-Adresse").FillAsync(Email);
        await page.GetByLabel("Land").SelectOptionAsync(new SelectOptionValue { Label = "Deutschland" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zur sicheren Zahlung" }).ClickAsync();

        // The sandbox checkout (a developer tool, English) shows the amount in the reader's format.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = Donate() })).ToBeVisibleAsync();
        await page.GetByLabel("Card number or IBAN").FillAsync("4242 4242 4242 4242");
        await page.GetByLabel("Expiry (MM/YY)").FillAsync("12/34");
        await page.GetByLabel("Security code").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = Donate() }).ClickAsync();

        await Heading(page, "Vielen Dank, Ada");
        await Assertions.Expect(page.GetByText("Bezahlt", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Ihre Patenschaft (monatlich) ist aktiv.", new() { Exact = false })).ToBeVisibleAsync();
        Assert.Equal("de", await browser.Portal.QueryAsync(db => db.Donors.Where(d => d.Email == Email).Select(d => d.Language).SingleAsync()));

        await page.GetByRole(AriaRole.Link, new() { Name = "Ihre Spenden und Patenschaften ansehen" }).ClickAsync();
        await Heading(page, "Ihre Spenden und Patenschaften");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmeldelink per E-Mail senden" }).ClickAsync();
        await Assertions.Expect(page.GetByText("ist ein Anmeldelink unterwegs", new() { Exact = false })).ToBeVisibleAsync();

        // The link from the donor's mail (whatever language the mail is in), once the job has sent it.
        await page.GotoAsync((await SignInLinkAsync(browser.Portal)).PathAndQuery);
        await Heading(page, "Anmelden");
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter zu meinem Konto" }).ClickAsync();

        await Heading(page, "Hallo, Ada Lovelace");
        var sponsorships = page.GetByRole(AriaRole.Table).First;
        await Assertions.Expect(sponsorships).ToContainTextAsync("Children's Village Nairobi");
        await Assertions.Expect(sponsorships).ToContainTextAsync("Monatlich");
        await Assertions.Expect(sponsorships).ToContainTextAsync("Aktiv");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = Receipt() }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = Receipt() })).ToBeVisibleAsync();

        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = Manage() }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Meine Patenschaft pausieren" })).ToBeVisibleAsync();
        await Heading(page, "Ihre Zahlungen");

        // The switcher, without script: the donor's pages turn English and English is saved as their language.
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Heading(page, "Your payments");
        Assert.Equal("en", await browser.Portal.QueryAsync(db => db.Donors.Where(d => d.Email == Email).Select(d => d.Language).SingleAsync()));

        var sponsorship = await browser.Portal.QueryAsync(db => db.Sponsorships.SingleAsync());
        Assert.Equal(SponsorshipStatus.Active, sponsorship.Status);
        Assert.Equal(3000, sponsorship.AmountMinor);
    }

    private static Task Heading(IPage page, string name, int? level = null) =>
        Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = level }).First).ToBeVisibleAsync();

    private static async Task<Uri> SignInLinkAsync(PortalFactory portal)
    {
        for (var look = 0; ; look++)
        {
            try
            {
                return await Donors.LatestLinkAsync(portal, Email, "/account/sign-in/confirm?token=");
            }
            catch (InvalidOperationException) when (look < 40)
            {
                await Task.Delay(500);
            }
        }
    }

    [GeneratedRegex("^Donate ")]
    private static partial Regex Donate();

    [GeneratedRegex("^Spendenquittung ")]
    private static partial Regex Receipt();

    [GeneratedRegex("^Pausieren, ändern oder beenden")]
    private static partial Regex Manage();
}

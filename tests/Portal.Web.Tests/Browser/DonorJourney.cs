using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// A donor's first monthly sponsorship in the browser, as a person would do it: from the home page to the dashboard.
/// <c>check</c> runs on every page the donor sees (the accessibility test passes axe; the donor test nothing).
/// </summary>
public static partial class DonorJourney
{
    public static async Task SponsorMonthlyAsync(IPage page, Func<IPage, string, Task> check)
    {
        await page.GotoAsync("/");
        await check(page, "home");
        await page.GetByRole(AriaRole.Link, new() { Name = "Choose a village" }).ClickAsync();
        await check(page, "villages");
        await page.GetByRole(AriaRole.Link, new() { Name = "Children's Village Nairobi", Exact = true }).ClickAsync();
        await check(page, "fund");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sponsor Children's Village Nairobi" }).ClickAsync();
        await check(page, "sponsor form");

        await page.GetByLabel("Monthly").CheckAsync();
        await page.GetByLabel("30.00").CheckAsync();
        await page.GetByLabel("Your name").FillAsync("Ada Lovelace");
        await page.GetByLabel("E-mail address").FillAsync("ada@");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to secure payment" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Enter your e-mail address, like name@example.org.")).ToBeVisibleAsync();
        await check(page, "sponsor form with errors");

        await page.GetByLabel("E-mail address").FillAsync("ada@example.org");
        await page.GetByLabel("Country").SelectOptionAsync(new SelectOptionValue { Label = "United Kingdom" });
        await page.GetByLabel("Impact updates").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to secure payment" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Donate €30.00" })).ToBeVisibleAsync();
        await check(page, "sandbox checkout");
        await page.GetByLabel("Card number or IBAN").FillAsync("4242 4242 4242 4242");
        await page.GetByLabel("Expiry (MM/YY)").FillAsync("12/34");
        await page.GetByLabel("Security code").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Donate €30.00" }).ClickAsync();

        // The page says "Pending" and refreshes itself until the event has been applied by the job.
        await Assertions.Expect(page.Locator("p.status.ok")).ToHaveTextAsync("Paid");
        await Assertions.Expect(page.GetByText("Your monthly sponsorship is active")).ToBeVisibleAsync();
        await check(page, "thank-you");

        await page.GetByRole(AriaRole.Link, new() { Name = "See your gifts and sponsorships" }).ClickAsync();
        await check(page, "sign-in");
        await page.GetByLabel("E-mail address").FillAsync("ada@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "E-mail me a sign-in link" }).ClickAsync();
        await Assertions.Expect(page.GetByText("a sign-in link is on its way")).ToBeVisibleAsync();

        // The donor opens their mail: on the embedded default, the local mailbox page. A job sends the link (the form
        // only records the request), so the donor looks again until it has arrived, as one refreshes a mailbox.
        await page.GotoAsync("/mailbox");
        for (var look = 0; look < 20 && await page.GetByRole(AriaRole.Link, new() { Name = "Your sign-in link" }).CountAsync() == 0; look++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Your sign-in link" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Your sign-in link" }).First.ClickAsync();
        await page.Locator("pre a[href*='/account/sign-in/confirm']").ClickAsync();
        await check(page, "sign-in confirmation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to my account" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hello, Ada Lovelace" })).ToBeVisibleAsync();
        await check(page, "dashboard");
        var sponsorships = page.GetByRole(AriaRole.Table).First;
        await Assertions.Expect(sponsorships).ToContainTextAsync("Children's Village Nairobi");
        await Assertions.Expect(sponsorships).ToContainTextAsync("Monthly");
        await Assertions.Expect(sponsorships).ToContainTextAsync("Active");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = Receipt() }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = Receipt() })).ToBeVisibleAsync();
        await check(page, "receipt");

        // Running the sponsorship: its own page with every change, and the card it is paid with.
        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = ManageSponsorship() }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = Pause() }).First).ToBeVisibleAsync();
        await check(page, "sponsorship");
        await page.GotoAsync("/account/payment-method");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = UpdateCard() })).ToBeVisibleAsync();
        await check(page, "payment method");
    }

    [GeneratedRegex("^Pause, change or cancel")]
    private static partial Regex ManageSponsorship();

    [GeneratedRegex("^Pause")]
    private static partial Regex Pause();

    [GeneratedRegex("Update (my |your )?card", RegexOptions.IgnoreCase)]
    private static partial Regex UpdateCard();

    [GeneratedRegex("^Receipt ")]
    private static partial Regex Receipt();
}

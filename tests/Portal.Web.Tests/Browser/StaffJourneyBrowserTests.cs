using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Core.Funds;
using Portal.Core.Staff;
using Portal.Web.Tests.Areas;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Pages;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// Staff journeys in a real browser, each page they visit checked with axe: communications publishes a village with a
/// photo, donor care changes a donor's amount, finance books a bank credit as a gift, and two duplicate donors are merged.
/// </summary>
[Collection(HangfireServerCollection.Name)]
public class StaffJourneyBrowserTests
{
    [SkippableFact]
    public async Task Communications_creates_a_village_adds_a_photo_and_publishes_it_with_the_child_data_confirmation()
    {
        await using var browser = await BrowserPortal.StartAsync();
        var journey = new StaffJourney(browser);
        var (page, member) = await journey.SignInAsync(StaffRoles.Communications);

        await page.GotoAsync("/communications/funds");
        await journey.CheckStaffPageAsync(page, "funds");
        await page.GetByRole(AriaRole.Link, new() { Name = "New fund" }).ClickAsync();
        await journey.CheckStaffPageAsync(page, "new fund");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Children's Village Cusco");
        await page.GetByLabel("Address (/funds/").FillAsync("cusco");
        await page.GetByLabel("Code for finance").FillAsync("PER01");
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Village" });
        await page.GetByLabel("Country", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Peru" });
        await page.GetByLabel("Town or region").FillAsync("Cusco");
        await page.GetByLabel("Summary (one or two sentences)").FillAsync("Houses in the highlands.");
        await page.GetByLabel("Story (Markdown").FillAsync("Nine **families** in the highlands.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved as a draft: only staff see it.");
        await journey.CheckStaffPageAsync(page, "draft");

        var upload = page.GetByRole(AriaRole.Form, new() { Name = "Add a photo" });
        await upload.GetByLabel("Photo (JPEG").SetInputFilesAsync(
            new FilePayload { Name = "houses.png", MimeType = "image/png", Buffer = ImpactUpdatePagesTests.Picture(2400, 1200) });
        await upload.GetByLabel("What it shows").FillAsync("Family houses by a field");
        await upload.GetByLabel("Caption (optional)").FillAsync("The village in spring");
        await upload.GetByLabel("I checked: no child can be recognised or named").CheckAsync();
        await upload.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The photo was added.");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Family houses by a field" })).ToBeVisibleAsync();
        await journey.CheckStaffPageAsync(page, "draft with a photo");

        // Publishing asks for the confirmation that no child can be identified; without it the fund stays a draft.
        await page.GetByLabel("State").SelectOptionAsync(new SelectOptionValue { Label = "Published (takes gifts)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(FundRules.PublishNeedsConfirmation);
        await journey.CheckStaffPageAsync(page, "publish refused");
        await page.GetByLabel("State").SelectOptionAsync(new SelectOptionValue { Label = "Published (takes gifts)" });
        await page.GetByLabel("I checked: no names, exact places or faces of children").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved. The public pages show it now.");
        await journey.CheckStaffPageAsync(page, "published");

        await page.GetByRole(AriaRole.Link, new() { Name = "Public page" }).ClickAsync();
        await page.WaitForURLAsync("**/funds/cusco");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Children's Village Cusco", Level = 1 })).ToBeVisibleAsync();
        var photo = page.GetByRole(AriaRole.Img, new() { Name = "Family houses by a field" });
        await Assertions.Expect(photo).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("The village in spring")).ToBeVisibleAsync();
        // The photo arrived and decoded, not only its tag.
        Assert.Equal(1200, await photo.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0"));
        await journey.CheckDonorPageAsync(page, "public fund page");

        var fund = await browser.Portal.QueryAsync(db => db.Funds.SingleAsync(f => f.Slug == "cusco"));
        Assert.Equal(FundStatus.Open, fund.Status);
        Assert.Equal(member.Email, fund.ChildDataConfirmedBy);
        var stored = await browser.Portal.QueryAsync(db => db.FundPhotos.Where(p => p.FundId == fund.Id).SingleAsync());
        Assert.Equal(("Family houses by a field", 1200, 600), (stored.AltText, stored.Width, stored.Height));
        journey.AssertAccessible();
    }

    [SkippableFact]
    public async Task Donor_care_finds_a_donor_by_email_changes_their_amount_with_a_reason_and_the_donor_gets_the_email()
    {
        await using var browser = await BrowserPortal.StartAsync();
        await DonorPathTests.GiveAsync(browser.Portal, SeededPages.Client(browser), "ada@example.org");
        var journey = new StaffJourney(browser);
        var (page, member) = await journey.SignInAsync(StaffRoles.DonorCare);

        await page.GotoAsync("/donors");
        await journey.CheckStaffPageAsync(page, "donor search");
        await page.GetByLabel("Name, e-mail, postal code").FillAsync("ADA@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        // One donor has the address: the search opens their page.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ada Lovelace", Level = 1 })).ToBeVisibleAsync();
        await journey.CheckStaffPageAsync(page, "donor");

        var sponsorship = page.Locator("article", new() { HasText = "Children's Village Nairobi" });
        await sponsorship.GetByText("Change for the donor").ClickAsync();
        await sponsorship.GetByLabel("Change", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Amount" });
        await sponsorship.GetByLabel("New amount (EUR)").FillAsync("45");
        await sponsorship.GetByRole(AriaRole.Button, new() { Name = "Make the change" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say why (for the audit trail)");
        await journey.CheckStaffPageAsync(page, "change refused");

        // The refused form stays open with what was typed: only the reason is missing.
        await Assertions.Expect(sponsorship.GetByLabel("New amount (EUR)")).ToHaveValueAsync("45");
        await sponsorship.GetByLabel("Reason (for the audit trail)").FillAsync("Donor phoned: wants to give more");
        await sponsorship.GetByRole(AriaRole.Button, new() { Name = "Make the change" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Done; the donor is told by e-mail.");
        await Assertions.Expect(sponsorship.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Children's Village Nairobi: EUR 45.00 a month");
        await journey.CheckStaffPageAsync(page, "amount changed");

        var saved = await browser.Portal.QueryAsync(db => db.Sponsorships.SingleAsync());
        Assert.Equal(4500, saved.AmountMinor);
        var record = await browser.Portal.QueryAsync(db => db.AuditRecords.SingleAsync(r => r.Action == "sponsorship.amount-changed"));
        Assert.Equal(member.Email, record.ActorName);
        Assert.EndsWith("reason: Donor phoned: wants to give more", record.Details, StringComparison.Ordinal);

        // The donor's mailbox (the local one on the embedded default): a job sends the queued message.
        var subject = await browser.Portal.QueryAsync(db => db.OutboundEmails
            .Where(m => m.IdempotencyKey.StartsWith("sponsorship-change:") && m.ToAddress == "ada@example.org").Select(m => m.Subject).SingleAsync());
        var mail = page.GetByRole(AriaRole.Row, new() { Name = "ada@example.org" }).GetByRole(AriaRole.Link, new() { Name = subject });
        await page.GotoAsync("/mailbox");
        for (var look = 0; look < 20 && await mail.CountAsync() == 0; look++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }

        await mail.First.ClickAsync();
        await Assertions.Expect(page.Locator("pre")).ToContainTextAsync("Our donor care team made this change for you.");
        await Assertions.Expect(page.Locator("pre")).ToContainTextAsync("45.00");
        await journey.CheckStaffPageAsync(page, "the donor's e-mail");
        journey.AssertAccessible();
    }
}

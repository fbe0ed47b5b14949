using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Core.Funds;
using Portal.Core.Staff;
using Portal.Web.Tests.Areas;
using Portal.Web.Tests.Infrastructure;

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
}

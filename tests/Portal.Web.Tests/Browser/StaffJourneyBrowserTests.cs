using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Core.Donors.Care;
using Portal.Core.Funds;
using Portal.Core.Reconciliation.Bank;
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

    [SkippableFact]
    public async Task Finance_imports_a_bank_statement_and_books_a_donors_transfer_from_it_as_a_gift()
    {
        await using var browser = await BrowserPortal.StartAsync();
        var journey = new StaffJourney(browser);
        var (page, _) = await journey.SignInAsync(StaffRoles.Finance);

        // Ada gave a cheque once, recorded by hand; her standing order then names the donor reference she was given.
        await page.GotoAsync("/finance/gifts");
        await journey.CheckStaffPageAsync(page, "offline gifts");
        await page.GetByLabel("Donor's e-mail address", new() { Exact = true }).FillAsync("ada@example.org");
        await page.GetByLabel("Name (new donor)").FillAsync("Ada Lovelace");
        await page.GetByLabel("Country code (new donor)").FillAsync("GB");
        await page.GetByLabel("Fund", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Children's Village Nairobi" });
        await page.GetByLabel("Received on").FillAsync(DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("25.00");
        await page.GetByLabel("Currency", new() { Exact = true }).FillAsync("EUR");
        await page.GetByLabel("Received by").SelectOptionAsync(new SelectOptionValue { Label = "Cheque" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Record and receipt the gift" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The gift was recorded and receipted");
        var reference = await browser.Portal.QueryAsync(
            db => db.Donors.Where(d => d.NormalizedEmail == "ADA@EXAMPLE.ORG").Select(d => d.PaymentReference!).SingleAsync());

        await page.GotoAsync("/finance/bank");
        await journey.CheckStaffPageAsync(page, "bank statements");
        var statement = OfflineGiftsPageTests.Camt(
            OfflineGiftsPageTests.Entry("R1", "30.00", "Ada Lovelace", $"Dauerauftrag {reference}"),
            OfflineGiftsPageTests.Entry("R2", "12.00", "Max Mustermann", "Spende"));
        await page.GetByLabel("Statement file").SetInputFilesAsync(
            new FilePayload { Name = "december.xml", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(statement) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 bank lines were imported");
        await journey.CheckStaffPageAsync(page, "statement imported");

        // The credit that names Ada's reference is offered as her gift, ticked; the other waits for someone to say whose it is.
        await page.GotoAsync("/finance/gifts");
        var ada = page.Locator("#credit-offers tbody tr", new() { HasText = "Ada Lovelace" });
        var max = page.Locator("#credit-offers tbody tr", new() { HasText = "Max Mustermann" });
        await Assertions.Expect(ada).ToContainTextAsync("Ada Lovelace → Children's Village Nairobi");
        await Assertions.Expect(ada.GetByRole(AriaRole.Checkbox)).ToBeCheckedAsync();
        await Assertions.Expect(max).ToContainTextAsync("No reference, known account or donor's name");
        await journey.CheckStaffPageAsync(page, "credits to book");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Book as gift" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The bank line was booked as a gift and receipted");
        await Assertions.Expect(ada).ToHaveCountAsync(0);
        await Assertions.Expect(max).ToHaveCountAsync(1);
        await journey.CheckStaffPageAsync(page, "credit booked");

        var gift = await browser.Portal.QueryAsync(db => db.OfflineGifts.SingleAsync(g => g.BankLineId != null));
        var line = await browser.Portal.QueryAsync(db => db.BankLines.SingleAsync(l => l.Id == gift.BankLineId));
        Assert.Equal(("Ada Lovelace", BankLineStatus.Gift), (line.Counterparty, line.Status));
        var charge = await browser.Portal.QueryAsync(db => db.Charges.SingleAsync(c => c.Id == gift.ChargeId));
        Assert.Equal(3_000, charge.AmountMinor);
        Assert.NotNull(charge.ReceiptNumber);
        Assert.Equal(2, await browser.Portal.QueryAsync(db => db.OfflineGifts.CountAsync()));
        journey.AssertAccessible();
    }

    [SkippableFact]
    public async Task Finance_merges_two_records_of_one_donor_confirms_it_and_the_donor_kept_shows_both_sponsorships()
    {
        await using var browser = await BrowserPortal.StartAsync();
        await DonorPathTests.GiveAsync(browser.Portal, SeededPages.Client(browser), "ada@example.org");
        await DonorPathTests.GiveAsync(browser.Portal, SeededPages.Client(browser), "ada.l@example.org");
        // The same person: the same name and postal code.
        await browser.Portal.QueryAsync(db => db.Donors.ExecuteUpdateAsync(set => set.SetProperty(d => d.PostalCode, "SW1A 1AA")
            .SetProperty(d => d.PostalCodeKey, "SW1A1AA")));
        var kept = await browser.Portal.QueryAsync(db => db.Donors.SingleAsync(d => d.Email == "ada@example.org"));
        var merged = await browser.Portal.QueryAsync(db => db.Donors.SingleAsync(d => d.Email == "ada.l@example.org"));
        var journey = new StaffJourney(browser);
        var (page, member) = await journey.SignInAsync(StaffRoles.Finance);

        await page.GotoAsync("/donors");
        await page.GetByLabel("Name, e-mail, postal code").FillAsync("ada@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForURLAsync($"**/donors/{kept.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Article)).ToHaveCountAsync(1);
        await journey.CheckStaffPageAsync(page, "donor with a duplicate");

        var duplicate = page.Locator("form", new() { HasText = "ada.l@example.org" });
        await duplicate.GetByLabel("Reason (for the audit trail)").FillAsync("Same person, two addresses");
        await duplicate.GetByLabel("If both are customers of the payment gateway").CheckAsync();
        await duplicate.GetByRole(AriaRole.Button, new() { Name = "Merge into this donor" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Merged. It can be undone here until it is confirmed.");
        await journey.CheckStaffPageAsync(page, "merged");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the merge" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The merge is confirmed.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Undo the merge" })).ToHaveCountAsync(0);
        var sponsorships = page.GetByRole(AriaRole.Region, new() { Name = "Sponsorships" }).GetByRole(AriaRole.Article);
        await Assertions.Expect(sponsorships).ToHaveCountAsync(2);
        await Assertions.Expect(sponsorships.Nth(1)).ToContainTextAsync("Children's Village Nairobi");
        await journey.CheckStaffPageAsync(page, "merge confirmed");

        await page.GotoAsync($"/donors/{merged.Id}");
        await Assertions.Expect(page.GetByText("This donor was merged into another.")).ToBeVisibleAsync();
        await journey.CheckStaffPageAsync(page, "the donor merged");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the donor kept" }).ClickAsync();
        await page.WaitForURLAsync($"**/donors/{kept.Id}");

        Assert.Equal(2, await browser.Portal.QueryAsync(db => db.Sponsorships.CountAsync(s => s.DonorId == kept.Id)));
        Assert.Equal(
            kept.Id, await browser.Portal.QueryAsync(db => db.Donors.Where(d => d.Id == merged.Id).Select(d => d.MergedIntoId).SingleAsync()));
        var merge = await browser.Portal.QueryAsync(db => db.DonorMerges.SingleAsync());
        Assert.Equal((DonorMergeState.Confirmed, member.Email), (merge.State, merge.DecidedBy));
        journey.AssertAccessible();
    }
}

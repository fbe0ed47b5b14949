using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Communications.Consent;
using Portal.Core.Donors;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// A donor on a phone follows the unsubscribe link of an update, confirms with one button, then chooses on the
/// preferences page which mail to keep; both pages pass axe-core's WCAG 2.1 AA rules.
/// </summary>
[Collection(HangfireServerCollection.Name)]
public class MailPreferencesBrowserTests
{
    [SkippableFact]
    public async Task A_donor_unsubscribes_from_updates_and_keeps_transparency_reports_on_a_phone()
    {
        await using var browser = await BrowserPortal.StartAsync();
        var donorId = await browser.Portal.QueryAsync(async db =>
        {
            var donor = new Donor
            {
                Email = "ada@example.org",
                NormalizedEmail = Donor.Normalize("ada@example.org"),
                Name = "Ada",
                CountryCode = "AT",
                MailConsents = MailConsent.AllTopics,
                CreatedAt = DateTime.UtcNow
            };
            db.Donors.Add(donor);
            await db.SaveChangesAsync();
            return donor.Id;
        });
        var token = browser.Portal.Services.GetRequiredService<UnsubscribeLinks>().Token(donorId, MailTopics.ImpactUpdates);
        var page = browser.Page;
        var problems = new List<string>();

        await page.GotoAsync($"/unsubscribe/{token}");
        problems.AddRange(await ViolationsAsync(page, "unsubscribe"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("will receive no more impact updates");
        await page.GetByRole(AriaRole.Link, new() { Name = "Choose which mail you receive" }).ClickAsync();
        problems.AddRange(await ViolationsAsync(page, "preferences"));
        var updates = page.GetByRole(AriaRole.Checkbox, new() { Name = "Impact updates" });
        var reports = page.GetByRole(AriaRole.Checkbox, new() { Name = "Transparency reports" });
        await Assertions.Expect(updates).Not.ToBeCheckedAsync();
        await Assertions.Expect(reports).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Appeals" }).UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your choices were saved");

        var consents = await browser.Portal.QueryAsync(db => db.Donors.Where(d => d.Id == donorId).Select(d => d.MailConsents).SingleAsync());
        Assert.Equal(MailTopics.TransparencyReports, consents);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string name)
    {
        return (await AxeCore.ViolationsAsync(page)).Select(v => $"{name}: {v}").ToList();
    }
}

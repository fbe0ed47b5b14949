using Microsoft.Playwright;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// What a staff journey in the browser needs: a page of its own signed in with the role, and axe run on each page it
/// visits with the rules of the page walk (<see cref="AccessibilityTests"/>): serious and critical violations on a staff
/// page, every violation and no sideways scrolling on a donor's page.
/// </summary>
public sealed class StaffJourney(BrowserPortal browser)
{
    private readonly List<string> problems = [];

    /// <summary>A new staff member with the role and an authenticator, signed in on a page of their own.</summary>
    public async Task<(IPage Page, StaffMember Member)> SignInAsync(string role)
    {
        var member = await Staff.CreateStaffAsync(browser.Portal, role);
        return (await AccessibilityTests.StaffPageAsync(browser, member), member);
    }

    public async Task CheckStaffPageAsync(IPage page, string name) =>
        problems.AddRange(await AccessibilityTests.CheckAsync(page, name, donorPage: false, "serious", "critical"));

    public async Task CheckDonorPageAsync(IPage page, string name) =>
        problems.AddRange(await AccessibilityTests.CheckAsync(page, name, donorPage: true));

    public void AssertAccessible() =>
        Assert.True(problems.Count == 0, $"{problems.Count} problems:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
}

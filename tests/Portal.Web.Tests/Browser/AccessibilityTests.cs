using Portal.Testing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// Every page of the donor's path passes axe-core's WCAG 2.1 A and AA rules in a real browser at phone width.
/// </summary>
[Collection(HangfireServerCollection.Name)]
public class AccessibilityTests
{
    [SkippableFact]
    public async Task Every_page_of_the_donors_path_passes_WCAG_AA_checks()
    {
        await using var browser = await BrowserPortal.StartAsync();
        var problems = new List<string>();

        await DonorJourney.SponsorMonthlyAsync(
            browser.Page,
            async (page, name) => problems.AddRange((await AxeCore.ViolationsAsync(page)).Select(v => $"{name}: {v}")));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}

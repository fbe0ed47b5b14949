using System.Text.Json;
using Microsoft.Playwright;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// Every page of the donor's path passes axe-core's WCAG 2.1 A and AA rules in a real browser at phone width.
/// axe-core is installed by .ci/run (npm ci in this folder).
/// </summary>
[Collection(HangfireServerCollection.Name)]
public class AccessibilityTests
{
    private static readonly string Axe = Path.Combine(
        AppContext.BaseDirectory,
        "..",
        "..",
        "..",
        "Browser",
        "node_modules",
        "axe-core",
        "axe.min.js");

    [SkippableFact]
    public async Task Every_page_of_the_donors_path_passes_WCAG_AA_checks()
    {
        Requires.Available(File.Exists(Axe), "axe-core (npm ci in tests/Portal.Web.Tests/Browser)");
        await using var browser = await BrowserPortal.StartAsync();
        var problems = new List<string>();

        await DonorJourney.SponsorMonthlyAsync(
            browser.Page,
            async (page, name) => problems.AddRange((await ViolationsAsync(page)).Select(v => $"{name}: {v}")));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Axe });
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
              return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(" ")).join("; ")}`);
            }
            """);
        return result.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}

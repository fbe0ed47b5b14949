using Portal.Testing;

namespace Portal.Web.Tests.Browser;

/// <summary>The axe runner the page tests rely on finds what breaks the rules, filters by impact and passes a clean page.</summary>
public class AxeCoreTests
{
    private const string Broken = """
        <!doctype html><html><head><title>Broken</title></head><body><main><h1>Broken</h1>
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <button></button>
        <p style="color:#bbb;background:#fff">Hard to read</p>
        </main></body></html>
        """;

    private const string Clean = """
        <!doctype html><html lang="en"><head><title>Clean</title></head><body><main><h1>Clean</h1>
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A dot">
        <button>Give</button>
        <p style="color:#222;background:#fff">Easy to read</p>
        </main></body></html>
        """;

    [SkippableFact]
    public async Task Axe_names_each_violation_by_rule_and_element_and_passes_a_clean_page()
    {
        Requires.Available(File.Exists(BrowserPortal.Chromium), $"Chromium at {BrowserPortal.Chromium}");
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await BrowserPortal.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.SetContentAsync(Broken);
        var all = await AxeCore.ViolationsAsync(page);
        Assert.Contains(all, v => v.StartsWith("image-alt (critical)", StringComparison.Ordinal) && v.EndsWith(" at img", StringComparison.Ordinal));
        Assert.Contains(
            all, v => v.StartsWith("button-name (critical)", StringComparison.Ordinal) && v.EndsWith(" at button", StringComparison.Ordinal));
        Assert.Contains(all, v => v.StartsWith("color-contrast (serious)", StringComparison.Ordinal));
        Assert.Contains(all, v => v.StartsWith("html-has-lang (serious)", StringComparison.Ordinal));

        // Run again on the same document (axe is put into it once): the same answer, and only the impacts asked for.
        var critical = await AxeCore.ViolationsAsync(page, "critical");
        Assert.Equal(all.Where(v => v.Contains("(critical)", StringComparison.Ordinal)), critical);
        Assert.Equal(2, critical.Count);

        await page.SetContentAsync(Clean);
        Assert.Empty(await AxeCore.ViolationsAsync(page));
    }
}

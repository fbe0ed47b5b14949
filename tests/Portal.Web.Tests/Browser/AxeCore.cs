using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.Web.Tests.Browser;

/// <summary>axe-core's WCAG 2.1 A and AA rules run in a page; installed by .ci/run (npm ci in this folder).</summary>
public static class AxeCore
{
    public const string Missing = "axe-core (npm ci in tests/Portal.Web.Tests/Browser)";

    private static readonly string Script = Path.Combine(
        AppContext.BaseDirectory, "..", "..", "..", "Browser", "node_modules", "axe-core", "axe.min.js");

    public static bool Available => File.Exists(Script);

    /// <summary>Each violation on the page as one line: rule, impact, help and the elements it was found at.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Script });
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
              return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(" ")).join("; ")}`);
            }
            """);
        return result.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}

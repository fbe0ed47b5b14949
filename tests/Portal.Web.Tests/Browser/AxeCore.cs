using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// axe-core's WCAG 2.1 A and AA rules run in a page: the axe-core script bundled in the Deque.AxeCore.Commons package,
/// put into the page once and run there with <c>axe.run</c> (decision 051).
/// </summary>
/// <remarks>
/// The package's own <c>RunAxe</c> runs axe in parts and then opens a new blank page, puts axe into it a second time
/// and finishes the run there, so that results from several frames can be joined. Our pages have no frame axe should
/// enter (an update's sandboxed e-mail preview is skipped), and that extra page made every run two to three times slower.
/// </remarks>
public static class AxeCore
{
    private static readonly Lazy<string> Script = new(() => new BundledAxeScriptProvider().GetScript());

    private const string Run = """
        async () => {
          const result = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            // The only frames are an update's sandboxed e-mail preview, which axe cannot enter and would wait on.
            iframes: false,
            // Only violations are read: axe then builds selectors for one node of each other rule, not for every node.
            resultTypes: ['violations'],
          });
          return result.violations.map(v => ({
            id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map(n => n.target.flat().join(' >>> ')),
          }));
        }
        """;

    /// <summary>Each violation on the page as one line: rule, impact, help and the elements it was found at.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, params string[] impacts)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Script.Value);
        }

        var violations = await page.EvaluateAsync<JsonElement>(Run);
        return violations.EnumerateArray()
            .Select(v => (Id: v.GetProperty("id").GetString(), Impact: v.GetProperty("impact").GetString(),
                Help: v.GetProperty("help").GetString(), Targets: v.GetProperty("targets").EnumerateArray().Select(t => t.GetString())))
            .Where(v => impacts.Length == 0 || impacts.Contains(v.Impact))
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Targets)}")
            .ToList();
    }
}

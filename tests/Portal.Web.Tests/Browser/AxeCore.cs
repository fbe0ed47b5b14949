using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Portal.Web.Tests.Browser;

/// <summary>axe-core's WCAG 2.1 A and AA rules run in a page, from the Deque.AxeCore.Playwright package.</summary>
public static class AxeCore
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        // The only frames are an update's sandboxed e-mail preview, which axe cannot enter and would wait on for a minute.
        Iframes = false,
    };

    /// <summary>Each violation on the page as one line: rule, impact, help and the elements it was found at.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, params string[] impacts)
    {
        var result = await page.RunAxe(Wcag21AA);
        return result.Violations
            .Where(v => impacts.Length == 0 || impacts.Contains(v.Impact))
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Select(n => n.Target.ToString()))}")
            .ToList();
    }
}

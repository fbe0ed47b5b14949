using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.Web.Tests.Browser;

/// <summary>What a live progress panel shows at one moment: its state, the bar's value (null: indeterminate) and its words.</summary>
public sealed record ProgressShown(string State, string? Value, bool Indeterminate, bool Busy, string Words);

/// <summary>
/// A live progress panel (a charge run's, an update's send) read as a person or a screen reader meets it: the bar's
/// <c>aria-valuenow</c>, its look and the words beside it. From <see cref="WatchAsync"/> on, the page itself writes down
/// every change it makes, so a test can tell afterwards what was shown and in what order, and that the page was never
/// reloaded (a reload would wipe the record).
/// </summary>
public sealed class ProgressPanel
{
    private const string Watch = """
        (selector) => {
          const panel = document.querySelector(selector);
          const read = () => {
            const bar = panel.querySelector('[role=progressbar]');
            return {
              state: panel.getAttribute('data-state'),
              value: bar.getAttribute('aria-valuenow'),
              indeterminate: bar.classList.contains('indeterminate'),
              busy: bar.getAttribute('aria-busy') === 'true',
              words: panel.querySelector('[data-field=StateText]').textContent.trim(),
            };
          };
          window.progressShown = [];
          const note = () => {
            const now = read();
            const last = window.progressShown.at(-1);
            if (!last || JSON.stringify(last) !== JSON.stringify(now)) {
              window.progressShown.push(now);
            }
          };
          note();
          new MutationObserver(note).observe(panel, { subtree: true, attributes: true, childList: true, characterData: true });
        }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly LocatorAssertionsToHaveAttributeOptions Patience = new() { Timeout = 30_000 };

    private readonly IPage page;

    private ProgressPanel(IPage page, string selector)
    {
        this.page = page;
        Panel = page.Locator(selector);
        Bar = Panel.GetByRole(AriaRole.Progressbar);
    }

    public ILocator Panel { get; }

    public ILocator Bar { get; }

    public static async Task<ProgressPanel> WatchAsync(IPage page, string selector)
    {
        await page.EvaluateAsync(Watch, selector);
        return new ProgressPanel(page, selector);
    }

    /// <summary>The value of a figure in the panel's list (<c>data-field</c>), as shown.</summary>
    public async Task<string> FactAsync(string field) => (await Panel.Locator($"[data-field={field}]").TextContentAsync())!.Trim();

    /// <summary>Waits until the panel is in <paramref name="state"/>.</summary>
    public Task InStateAsync(string state) => Assertions.Expect(Panel).ToHaveAttributeAsync("data-state", state, Patience);

    /// <summary>Waits until the bar's value is <paramref name="percent"/>.</summary>
    public Task AtAsync(int percent) =>
        Assertions.Expect(Bar).ToHaveAttributeAsync("aria-valuenow", percent.ToString(System.Globalization.CultureInfo.InvariantCulture), Patience);

    /// <summary>Waits until figure <paramref name="field"/> shows <paramref name="text"/>.</summary>
    public Task ShowsAsync(string field, string text) =>
        Assertions.Expect(Panel.Locator($"[data-field={field}]")).ToHaveTextAsync(text, new() { Timeout = 30_000 });

    /// <summary>Everything the panel showed since <see cref="WatchAsync"/>, in order; fails if the page was reloaded.</summary>
    public async Task<List<ProgressShown>> ShownAsync()
    {
        var json = await page.EvaluateAsync<string?>("() => window.progressShown ? JSON.stringify(window.progressShown) : null");
        Assert.True(json is not null, "The page was reloaded: its record of the progress is gone.");
        return JsonSerializer.Deserialize<List<ProgressShown>>(json, Json)!;
    }

    /// <summary>What the panel shows now.</summary>
    public async Task<ProgressShown> NowAsync() => (await ShownAsync())[^1];
}

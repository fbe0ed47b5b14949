using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// The portal on Kestrel with its Hangfire server on (as in the embedded default), and Debian's Chromium driven by
/// Playwright with a phone-sized window.
/// </summary>
public sealed class BrowserPortal : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private BrowserPortal(PortalFactory portal, string baseUrl, IPlaywright playwright, IBrowser browser, IPage page)
    {
        Portal = portal;
        BaseUrl = new Uri(baseUrl);
        Playwright = playwright;
        Browser = browser;
        Page = page;
    }

    public PortalFactory Portal { get; }

    /// <summary>Where Kestrel listens: a loopback address and a free port.</summary>
    public Uri BaseUrl { get; }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    public IPage Page { get; }

    public static async Task<BrowserPortal> StartAsync()
    {
        Requires.Available(File.Exists(Chromium), $"Chromium at {Chromium}");
        var portal = await PortalFactory.CreateAsync(overrides: new Dictionary<string, string?>
        {
            ["Portal:PublicBaseUrl"] = null,
            ["Jobs:RunServer"] = "true",
            ["Jobs:WorkerCount"] = "2",
        });
        portal.UseKestrel(0);
        portal.StartServer();
        var baseUrl = portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        });
        // A phone-sized window: most donors give from a phone. The CSP is bypassed only so that a test may inject axe.
        var page = await browser.NewPageAsync(
            new BrowserNewPageOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 390, Height = 844 }, BypassCSP = true });
        page.SetDefaultTimeout(30_000);
        return new BrowserPortal(portal, baseUrl, playwright, browser, page);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Portal.DisposeAsync();
    }
}

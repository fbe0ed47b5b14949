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

    private BrowserPortal(PortalFactory portal, IPlaywright playwright, IBrowser browser, IPage page, string baseUrl)
    {
        BaseUrl = baseUrl;
        Portal = portal;
        Playwright = playwright;
        Browser = browser;
        Page = page;
    }

    /// <summary>Where Kestrel listens (an IP address, for example <c>http://127.0.0.1:41234</c>).</summary>
    public string BaseUrl { get; }

    /// <summary>
    /// The same portal named <c>localhost</c>: WebAuthn needs a secure context and a domain for its relying party id, and
    /// a bare IP address is not one.
    /// </summary>
    public string LocalhostUrl => new UriBuilder(BaseUrl) { Host = "localhost" }.Uri.ToString().TrimEnd('/');

    public PortalFactory Portal { get; }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    public IPage Page { get; }

    /// <param name="overrides">Further configuration on top of the browser defaults.</param>
    /// <param name="services">Services the test adds on top of the portal's own (an injected fault, say).</param>
    public static async Task<BrowserPortal> StartAsync(
        IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null)
    {
        Requires.Available(File.Exists(Chromium), $"Chromium at {Chromium}");
        var settings = new Dictionary<string, string?>
        {
            ["Portal:PublicBaseUrl"] = null,
            ["Jobs:RunServer"] = "true",
            ["Jobs:WorkerCount"] = "2",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var portal = await PortalFactory.CreateAsync(overrides: settings);
        portal.TestServices = services;
        portal.UseKestrel(0);
        portal.StartServer();
        var baseUrl = portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await LaunchAsync(playwright);
        // A phone-sized window: most donors give from a phone. The CSP is bypassed only so that a test may inject axe.
        var page = await browser.NewPageAsync(
            new BrowserNewPageOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 390, Height = 844 }, BypassCSP = true });
        page.SetDefaultTimeout(30_000);
        return new BrowserPortal(portal, playwright, browser, page, baseUrl);
    }

    /// <summary>Debian's Chromium, headless, as every browser test drives it.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
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

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Portal.DisposeAsync();
    }
}

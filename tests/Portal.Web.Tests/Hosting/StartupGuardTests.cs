using System.Net;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Hosting;

/// <summary>A wrong or missing production setting stops start-up with a message that names it.</summary>
public class StartupGuardTests
{
    public static TheoryData<string, string[], string> BadSettings => new()
    {
        { "Production", [], "Payments:Gateway is Sandbox in the Production environment" },
        { "Production", ["Portal:PublicBaseUrl="], "Portal:PublicBaseUrl is required in the Production environment" },
        { "Production", ["Payments:AllowSandbox=true", "DataProtection:CertificatePath="], "DataProtection:CertificatePath is required" },
        {
            "Production", ["Payments:AllowSandbox=true", "DataProtection:CertificatePath=/nowhere/keys.pfx"],
            "DataProtection:CertificatePath '/nowhere/keys.pfx' cannot be read"
        },
        {
            "Staging", ["Payments:AllowSandbox=true", "DataProtection:CertificatePassword=not-it"],
            "cannot be read as a .pfx file with an RSA private key"
        },
        { "Development", ["Payments:Gateway=Stripe"], "Stripe:SecretKey is required when Payments:Gateway is Stripe" },
        { "Development", ["Payments:Gateway=Stripe", "Stripe:SecretKey=sk_test_1"], "Stripe:WebhookSecret is required" },
        { "Development", ["Payments:Currencies=EUR,EURO"], "'EURO' is not an ISO 4217 currency code" },
        { "Development", ["Email:Transport=Smtp"], "Email:Smtp:Host is required when Email:Transport is Smtp" },
        { "Development", ["Portal:TimeZone=Mars/Olympus"], "Portal:TimeZone 'Mars/Olympus' is not a known time zone id" },
        { "Development", ["Portal:ReportingCurrency=EURO"], "Portal:ReportingCurrency 'EURO' is not an ISO 4217 currency code" },
        { "Development", ["Portal:PublicBaseUrl=ftp://example.org"], "Portal:PublicBaseUrl 'ftp://example.org' is not an absolute http(s) address" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task The_portal_refuses_to_start_and_names_the_setting(string environment, string[] settings, string message)
    {
        await using var portal = await PortalFactory.CreateAsync(
            overrides: settings.Select(s => s.Split('=', 2)).ToDictionary(p => p[0], p => (string?)(p[1].Length == 0 ? null : p[1])),
            environment: environment);

        var error = Record.Exception(() => portal.CreateClient());

        Assert.NotNull(error);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staging_site_may_run_the_sandbox_when_it_says_so_and_every_page_warns()
    {
        await using var portal = await PortalFactory.CreateAsync(
            overrides: new Dictionary<string, string?> { ["Payments:AllowSandbox"] = "true" },
            environment: "Staging");
        await portal.SeedDemoFundsAsync();
        var visitor = portal.Browser();

        foreach (var page in new[] { "/", "/villages", "/funds/nairobi", "/funds/nairobi/sponsor", "/account/sign-in" })
        {
            Assert.Contains("no real money moves", await visitor.TextAsync(page), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_Stripe_configured_the_sandbox_banner_and_checkout_are_gone()
    {
        await using var stripe = await StripePortal.CreateAsync();

        Assert.DoesNotContain("no real money moves", await stripe.Portal.Browser().TextAsync("/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await stripe.Portal.Browser().GetAsync("/sandbox/checkout/cs_sandbox_anything")).StatusCode);
    }
}

using System.ComponentModel.DataAnnotations;
using Portal.Core.Shared;

namespace Portal.Core.Hosting;

/// <summary>Settings of the portal as a whole (section <c>Portal</c>).</summary>
public sealed class PortalOptions : IValidatableObject
{
    public const string Section = "Portal";

    /// <summary>The charity's name as donors see it on pages, receipts and e-mail.</summary>
    [Required, StringLength(100)]
    public string CharityName { get; set; } = "Children's Villages";

    /// <summary>Where the SQLite database, Hangfire storage and the local mailbox live; relative to the app's folder.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";

    /// <summary>
    /// The address donors reach the portal at, for links in e-mail and gateway redirects ("https://give.example.org").
    /// Required outside Development; in Development the address the server listens on is used when it is empty.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The time zone that decides dates: accounting dates, charge days, receipt dates (IANA id).</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Vienna";

    /// <summary>
    /// The federation's reporting currency (ISO 4217): fund statements show each gift currency's gifts in it too, as the
    /// gateway settled them. It should be the gateway account's settlement currency, since only settled amounts count.
    /// </summary>
    [Required]
    public string ReportingCurrency { get; set; } = "EUR";

    /// <summary>
    /// How long a web node serves its cached copy of a public page (home, villages, programs, a fund) to anonymous
    /// visitors. A change saved on the node evicts its copies at once; one saved elsewhere (a job worker, another node)
    /// shows when the copies expire. 0 turns the cache off.
    /// </summary>
    [Range(0, 3600)]
    public int PublicPageCacheSeconds { get; set; } = 10;

    /// <summary>
    /// Serves plain HTTP outside Development: cookies lose their Secure flag and HTTP is not redirected to HTTPS. Only for
    /// tests, benchmarks and tools on loopback; a warning is logged at start when it is on outside Development.
    /// </summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>Seeds the demo villages, programs and staff accounts on first start (Development only).</summary>
    public bool SeedDemoContent { get; set; } = true;

    /// <summary>
    /// Dates the demo's opening balances two quarters back and records last quarter's spending, so the first
    /// transparency report a new user builds has figures. On in Development (appsettings.Development.json); the tests
    /// turn it off unless they test it, so their own figures start from the opening balances alone.
    /// </summary>
    public bool DemoHistory { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl)
            && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"Portal:PublicBaseUrl '{PublicBaseUrl}' is not an absolute http(s) address.", [nameof(PublicBaseUrl)]);
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Portal:TimeZone '{TimeZone}' is not a known time zone id.", [nameof(TimeZone)]);
        }

        if (!Currency.TryParse(ReportingCurrency, out _))
        {
            yield return new ValidationResult(
                $"Portal:ReportingCurrency '{ReportingCurrency}' is not an ISO 4217 currency code.",
                [nameof(ReportingCurrency)]);
        }
    }

    public TimeZoneInfo FindTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public Currency FindReportingCurrency() => Currency.Of(ReportingCurrency);
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Communications.Consent;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Languages;
using Portal.Core.Payments;
using Portal.Core.Payments.Peaks;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Pages.Sponsor;

/// <summary>
/// /funds/{slug}/sponsor: the sponsor form. The server checks everything; nothing is stored until the checkout exists.
/// The form carries no anti-forgery token, so the page is the same for every visitor and is served from the public
/// page cache: a cross-site post could only start a checkout its victim would have to pay on the gateway's own page,
/// and no cookie of the donor's is read (decision 018).
/// </summary>
[SharedRateLimit(SharedRateLimits.Checkout)]
[IgnoreAntiforgeryToken]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class IndexModel(
    PortalDbContext db,
    StartSponsorship start,
    SponsorshipRules rules,
    CurrencyRules currencies,
    Portal.Core.Hosting.PublicUrls urls,
    SponsorChallenge challenge,
    CheckoutGate gate,
    IOptions<PeakOptions> peaks,
    ILogger<IndexModel> logger,
    IStringLocalizer<DonorText> text) : PageModel
{
    /// <summary>The cookie naming this browser to the declined-card limits (decision 026): a random value, nothing else.</summary>
    public const string CheckoutCookie = "portal-checkout";

    public const string ChallengeFailed = "Please complete the check that you are a person, then send the form again.";

    public const string TooBusy =
        "Many people are giving right now. Please send the form again in a minute: what you typed is still here, and nothing was charged.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Fund Fund { get; private set; } = null!;

    /// <summary>The fund's name in the reader's language (the consent wording keeps the fund's own, as it is recorded).</summary>
    public string FundName { get; private set; } = "";

    public CurrencyRules Currencies => currencies;

    public SponsorChallenge PersonCheck => challenge;

    /// <summary>The words beside a topic's box: the same text the consent record keeps once the gift is paid.</summary>
    public string Wording(MailTopics topic) => ConsentWordings.SponsorForm(ConsentWordings.SponsorFormSet, topic, Fund.Name).Text;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadFundAsync(slug, named: true, cancellationToken))
        {
            return NotFound();
        }

        Input.Currency = Fund.Currency is var code && currencies.IsOffered(code) ? code : currencies.Default.Code;
        var presets = currencies.Presets(Currency.Of(Input.Currency), Fund);
        Input.Preset = presets[Math.Min(1, presets.Count - 1)].ToPlainString();
        if (!Fund.Intervals.Offers(SponsorshipInterval.Monthly))
        {
            // The first way of giving the fund offers, in the form's order.
            Input.Interval = new[] { SponsorshipInterval.Quarterly, SponsorshipInterval.Yearly, SponsorshipInterval.Once }
                .First(interval => Fund.Intervals.Offers(interval)).ToString();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (CrossSitePosts.IsFromAnotherSite(Request, urls))
        {
            return BadRequest(CrossSitePosts.Refusal);
        }

        if (!await LoadFundAsync(slug, named: false, cancellationToken))
        {
            return NotFound();
        }

        var amount = string.IsNullOrWhiteSpace(Input.Amount) ? Input.Preset : Input.Amount;
        var request = new SponsorshipRequest(slug, amount, Input.Currency, Input.Interval, Input.CoverFee, Input.DedicationKind, Input.DedicationName,
            Input.Name, Input.Email, Input.Country, Input.ConsentTopics, Language: PortalLanguages.Normalize(CultureInfo.CurrentUICulture.Name),
            CheckoutReference());
        if (!await challenge.VerifyAsync(Request.Form[challenge.Field], HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken))
        {
            ModelState.AddModelError(string.Empty, text[ChallengeFailed]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await PageAsync(cancellationToken);
        }

        if (!ModelState.IsValid)
        {
            // Say everything that is wrong at once, not one field per attempt.
            AddErrors(rules.Check(request, Fund).Errors);
            return await PageAsync(cancellationToken);
        }

        // Back-pressure: past this node's number of checkouts at once, the donor is answered now, with the form as typed.
        using var place = gate.TryEnter();
        if (place is null)
        {
            WebLog.CheckoutDeferred(logger, peaks.Value.MaxConcurrentCheckouts);
            ModelState.AddModelError(string.Empty, text[TooBusy]);
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = peaks.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return await PageAsync(cancellationToken);
        }

        switch (await start.StartAsync(request, Fund, cancellationToken))
        {
            case StartResult.RedirectToCheckout redirect:
                return Redirect(redirect.Url.ToString());
            case StartResult.Invalid invalid:
                AddErrors(invalid.Errors);
                return await PageAsync(cancellationToken);
            case StartResult.TooManyAttempts:
                return StatusCode(StatusCodes.Status429TooManyRequests);
            case StartResult.TooManyDeclines declined:
                ModelState.AddModelError(string.Empty, text.Say(declined.Message));
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return await PageAsync(cancellationToken);
            case StartResult.GatewayUnavailable unavailable:
                ModelState.AddModelError(string.Empty, text.Say(unavailable.Message));
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return await PageAsync(cancellationToken);
            default:
                return NotFound();
        }
    }

    /// <summary>This browser's reference for the declined-card limits: from its cookie, or a new one set now.</summary>
    private string CheckoutReference()
    {
        if (Request.Cookies[CheckoutCookie] is { Length: 32 } known && known.All(char.IsAsciiHexDigit))
        {
            return known;
        }

        var fresh = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        Response.Cookies.Append(CheckoutCookie, fresh, new CookieOptions
        {
            HttpOnly = true,
            Secure = Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(1),
        });
        return fresh;
    }

    private void AddErrors(IReadOnlyDictionary<string, Core.Languages.DonorMessage> errors)
    {
        foreach (var (field, message) in errors)
        {
            var key = field == "Fund" ? string.Empty : $"{nameof(Input)}.{field}";
            if (ModelState[key] is not { Errors.Count: > 0 })
            {
                // The rules speak English; the page says it in the reader's language where a translation exists.
                ModelState.AddModelError(key, text.Say(message));
            }
        }
    }

    /// <param name="named">Read the fund's name in the reader's language too: a form sent on to the checkout shows none.</param>
    private async Task<bool> LoadFundAsync(string slug, bool named, CancellationToken cancellationToken)
    {
        Fund = (await db.Funds.AsNoTracking().Public().SingleOrDefaultAsync(f => f.Slug == slug, cancellationToken))!;
        if (Fund is null)
        {
            return false;
        }

        if (named)
        {
            await NameFundAsync(cancellationToken);
        }

        return true;
    }

    private async Task NameFundAsync(CancellationToken cancellationToken) =>
        FundName = (await FundText.ForAsync(db, [Fund], CultureInfo.CurrentUICulture.Name, cancellationToken))[Fund.Id].Name;

    /// <summary>The form again, as sent (with what is wrong, or why not now), under the fund's name in the reader's language.</summary>
    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        await NameFundAsync(cancellationToken);
        return Page();
    }

    public sealed class InputModel
    {
        /// <summary>The preset chosen; used when <see cref="Amount"/> is empty.</summary>
        public string? Preset { get; set; }

        [Display(Name = "Other amount")]
        [StringLength(20)]
        public string? Amount { get; set; }

        [Required(ErrorMessage = "Choose a currency.")]
        public string Currency { get; set; } = "EUR";

        [Required(ErrorMessage = "Choose how often you give.")]
        public string Interval { get; set; } = nameof(SponsorshipInterval.Monthly);

        public bool CoverFee { get; set; }

        public string? DedicationKind { get; set; }

        [StringLength(SponsorshipRules.NameMaxLength, ErrorMessage = "Use at most 120 characters.")]
        public string? DedicationName { get; set; }

        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(SponsorshipRules.NameMaxLength, ErrorMessage = "Use at most 120 characters.")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Enter your e-mail address.")]
        [StringLength(254, ErrorMessage = "Use at most 254 characters.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose your country.")]
        public string Country { get; set; } = "";

        public bool ConsentImpactUpdates { get; set; }

        public bool ConsentTransparencyReports { get; set; }

        public bool ConsentAppeals { get; set; }

        public MailTopics ConsentTopics => (ConsentImpactUpdates ? MailTopics.ImpactUpdates : MailTopics.None)
            | (ConsentTransparencyReports ? MailTopics.TransparencyReports : MailTopics.None)
            | (ConsentAppeals ? MailTopics.Appeals : MailTopics.None);
    }
}

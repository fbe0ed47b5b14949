using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Core.Sponsorships.CardTesting;

namespace Portal.Web.Hosting;

/// <summary>
/// The sponsor form's optional challenge (Cloudflare Turnstile or hCaptcha, off by default): the widget's script and
/// field, and the check of its answer against the provider's siteverify address. Any failure to verify refuses.
/// </summary>
public sealed class SponsorChallenge(HttpClient http, IOptions<CardTestingOptions> options)
{
    private CardTestingOptions Settings => options.Value;

    public bool Enabled => Settings.Challenge != ChallengeProvider.None;

    public string? SiteKey => Settings.ChallengeSiteKey;

    /// <summary>The form field the widget fills in.</summary>
    public string Field => Settings.Challenge == ChallengeProvider.HCaptcha ? "h-captcha-response" : "cf-turnstile-response";

    /// <summary>The class of the element the widget's script replaces.</summary>
    public string WidgetClass => Settings.Challenge == ChallengeProvider.HCaptcha ? "h-captcha" : "cf-turnstile";

    public Uri ScriptUrl => Settings.Challenge == ChallengeProvider.HCaptcha
        ? new Uri("https://js.hcaptcha.com/1/api.js")
        : new Uri("https://challenges.cloudflare.com/turnstile/v0/api.js");

    /// <summary>The origins the content security policy must allow for the widget; none when the challenge is off.</summary>
    public static string Origins(CardTestingOptions settings) => settings.Challenge switch
    {
        ChallengeProvider.Turnstile => " https://challenges.cloudflare.com",
        ChallengeProvider.HCaptcha => " https://hcaptcha.com https://*.hcaptcha.com",
        _ => "",
    };

    private Uri VerifyUrl => Settings.ChallengeVerifyUrl ?? (Settings.Challenge == ChallengeProvider.HCaptcha
        ? new Uri("https://api.hcaptcha.com/siteverify")
        : new Uri("https://challenges.cloudflare.com/turnstile/v0/siteverify"));

    /// <summary>Whether the provider says <paramref name="answer"/> was solved by a person; false on any error.</summary>
    public async Task<bool> VerifyAsync(string? answer, string? remoteIp, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(answer) || answer.Length > 4096)
        {
            return false;
        }

        var fields = new Dictionary<string, string> { ["secret"] = Settings.ChallengeSecretKey ?? "", ["response"] = answer };
        if (remoteIp is not null)
        {
            fields["remoteip"] = remoteIp;
        }

        try
        {
            using var content = new FormUrlEncodedContent(fields);
            using var response = await http.PostAsync(VerifyUrl, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            var verdict = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return verdict.ValueKind == JsonValueKind.Object && verdict.TryGetProperty("success", out var success)
                && success.ValueKind == JsonValueKind.True;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or NotSupportedException)
        {
            // The provider is down or answered nonsense: the form asks again rather than let an unchecked post through.
            return false;
        }
    }
}

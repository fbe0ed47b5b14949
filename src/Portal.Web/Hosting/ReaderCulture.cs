using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;
using Portal.Core.Languages;

namespace Portal.Web.Hosting;

/// <summary>
/// The language a page is written in and the culture its amounts and dates are formatted in. The language is the
/// signed-in donor's saved one, else the language switcher's cookie, else the browser's Accept-Language, else English.
/// The format stays the browser's own (de-AT keeps de-AT numbers under German texts), else the chosen language's.
/// </summary>
public sealed class ReaderCulture : RequestCultureProvider
{
    /// <summary>The cultures amounts and dates may be formatted in.</summary>
    public static readonly string[] FormatCultures = ["en-GB", "en-US", "en-IE", "de-DE", "de-AT", "de-CH", "fr-FR", "es-ES", "it-IT"];

    /// <summary>As the framework's Accept-Language provider: a long header is not read to its end.</summary>
    private const int MostLanguagesRead = 3;

    public static void Configure(RequestLocalizationOptions options)
    {
        options.DefaultRequestCulture = new RequestCulture(PortalLanguages.Culture(PortalLanguages.Default).Name, PortalLanguages.Default);
        options.AddSupportedCultures(FormatCultures).AddSupportedUICultures([.. PortalLanguages.Supported]);
        options.RequestCultureProviders = [new ReaderCulture()];
    }

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var browser = BrowserLanguages(httpContext.Request);
        var language = PortalLanguages.Normalize(
            await DonorLanguageAsync(httpContext)
            ?? SwitcherLanguage(httpContext.Request)
            ?? browser.FirstOrDefault(PortalLanguages.IsSupported));
        // The first supported format wins; the chosen language's own culture when the browser names none.
        return new ProviderCultureResult([.. browser, PortalLanguages.Culture(language).Name], [language]);
    }

    /// <summary>The switcher's choice: the <c>uic</c> of the framework's culture cookie.</summary>
    private static string? SwitcherLanguage(HttpRequest request) =>
        request.Cookies[CookieRequestCultureProvider.DefaultCookieName] is { } value
        && CookieRequestCultureProvider.ParseCookieValue(value)?.UICultures.FirstOrDefault().Value is { } chosen
        && PortalLanguages.IsSupported(chosen)
            ? chosen
            : null;

    /// <summary>Only for a request with a donor cookie: checking it reads the session and the language at once.</summary>
    private static async Task<string?> DonorLanguageAsync(HttpContext context)
    {
        if (!context.Request.Cookies.ContainsKey(SignedInNoStore.DonorCookie))
        {
            return null;
        }

        await context.AuthenticateAsync(PortalPolicies.DonorScheme);
        return DonorCookie.SavedLanguage(context) is { } saved && PortalLanguages.IsSupported(saved) ? saved : null;
    }

    private static List<string> BrowserLanguages(HttpRequest request) =>
        [.. request.GetTypedHeaders().AcceptLanguage
            .Where(value => value.Value.HasValue && value.Value.Value != "*" && value.Quality != 0)
            .OrderByDescending(value => value.Quality ?? 1)
            .Take(MostLanguagesRead)
            .Select(value => value.Value.Value!)];
}

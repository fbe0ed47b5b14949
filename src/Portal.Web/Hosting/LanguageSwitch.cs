using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Languages;

namespace Portal.Web.Hosting;

/// <summary>
/// <c>POST /language</c>, the layout's language switcher: remembers the choice in the culture cookie and, for a signed-in
/// donor, as their saved language (their pages and mail). A signed-in reader's form carries an anti-forgery token;
/// an anonymous reader's form carries none, so public pages stay the same for everyone and cacheable, and is refused
/// only when a browser says it came from another site (as the sponsor form, decision 018).
/// </summary>
public static class LanguageSwitch
{
    public const string Path = "/language";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, async (HttpContext context, IAntiforgery antiforgery, PublicUrls urls, PortalDbContext db) =>
        {
            var donor = context.Request.Cookies.ContainsKey(SignedInNoStore.DonorCookie)
                ? (await context.AuthenticateAsync(PortalPolicies.DonorScheme)).Principal
                : null;
            if (donor is null ? CrossSitePosts.IsFromAnotherSite(context.Request, urls) : !await IsTokenValidAsync(context, antiforgery, donor))
            {
                return Results.BadRequest(CrossSitePosts.Refusal);
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (!PortalLanguages.IsSupported(form["language"]))
            {
                return Results.BadRequest();
            }

            var language = PortalLanguages.Normalize(form["language"]);
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
                new CookieOptions
                {
                    HttpOnly = true,
                    Secure = context.Request.IsHttps,
                    SameSite = SameSiteMode.Lax,
                    IsEssential = true,
                    MaxAge = TimeSpan.FromDays(365),
                });
            if (Guid.TryParse(donor?.FindFirst(PortalPolicies.DonorIdClaim)?.Value, out var donorId))
            {
                await db.Donors.Where(d => d.Id == donorId)
                    .ExecuteUpdateAsync(set => set.SetProperty(d => d.Language, language), context.RequestAborted);
            }

            return Results.LocalRedirect(ReturnPath(form["returnUrl"]));
        }).DisableAntiforgery();

    /// <summary>
    /// The token is bound to the reader the page was made for: the donor on their account pages (whose policy signs
    /// them in), nobody on public pages (which do not look at the donor cookie). Either is this browser's own.
    /// </summary>
    private static async Task<bool> IsTokenValidAsync(HttpContext context, IAntiforgery antiforgery, ClaimsPrincipal donor)
    {
        if (await antiforgery.IsRequestValidAsync(context))
        {
            return true;
        }

        context.User = donor;
        return await antiforgery.IsRequestValidAsync(context);
    }

    /// <summary>Back to the page the reader was on: a path of this site only.</summary>
    private static string ReturnPath(string? returnUrl) =>
        returnUrl is { Length: > 0 } path && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\')) ? path : "/";
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Portal.Core.Donors;

namespace Portal.Web.Hosting;

/// <summary>
/// The donor cookie names a server-side session (<see cref="DonorSessions"/>) and is accepted only while that session is
/// open: one lookup by key per request, in the shared database, so a sign-out on any node ends it on all of them.
/// </summary>
public static class DonorCookie
{
    public static ClaimsPrincipal Principal(Donor donor, Guid sessionId) =>
        new(new ClaimsIdentity(
            [
                new Claim(PortalPolicies.DonorIdClaim, donor.Id.ToString()),
                new Claim(PortalPolicies.DonorSessionClaim, sessionId.ToString()),
                new Claim(ClaimTypes.Name, donor.Name),
                new Claim(ClaimTypes.Email, donor.Email),
            ],
            PortalPolicies.DonorScheme));

    private const string LanguageItem = "portal.donor-language";

    /// <summary>The signed-in donor's saved language, once the donor cookie has been checked in this request.</summary>
    public static string? SavedLanguage(HttpContext context) => context.Items[LanguageItem] as string;

    public static Guid? SessionId(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirst(PortalPolicies.DonorSessionClaim)?.Value, out var id) ? id : null;

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessionId = SessionId(context.Principal);
        var language = sessionId is { } id
            && Guid.TryParse(context.Principal?.FindFirst(PortalPolicies.DonorIdClaim)?.Value, out var donorId)
                ? await context.HttpContext.RequestServices.GetRequiredService<DonorSessions>()
                    .ActiveLanguageAsync(id, donorId, context.HttpContext.RequestAborted)
                : null;
        if (language is not null)
        {
            // Kept for this request only (not a claim, which a sliding renewal would write into the cookie).
            context.HttpContext.Items[LanguageItem] = language;
        }
        else
        {
            // A cookie from before sessions were kept, or of a session that was signed out: no longer a session.
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(PortalPolicies.DonorScheme);
        }
    }
}

using Microsoft.Net.Http.Headers;

namespace Portal.Web.Hosting;

/// <summary>
/// Every answer to a signed-in request (a donor's or a staff member's cookie) is <c>Cache-Control: no-store</c>: pages,
/// receipts, statements, exports and progress endpoints alike, so no browser or shared cache keeps a copy. Anonymous
/// answers are left alone, and a signed-in request neither reads nor fills the public pages' output cache.
/// </summary>
public static class SignedInNoStore
{
    public const string DonorCookie = "portal.donor";
    public const string StaffCookie = "portal.staff";

    public static bool IsSignedIn(HttpContext context) =>
        context.Request.Cookies.ContainsKey(DonorCookie)
        || context.Request.Cookies.ContainsKey(StaffCookie)
        || context.User.Identity?.IsAuthenticated == true;

    /// <summary>After authentication (so a staff principal counts too), before the output cache.</summary>
    public static IApplicationBuilder UseSignedInNoStore(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsSignedIn(context))
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.Remove(HeaderNames.Expires);
                context.Response.Headers.Pragma = "no-cache";
                return Task.CompletedTask;
            });
        }

        await next(context);
    });
}

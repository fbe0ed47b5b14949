namespace Portal.Web.Hosting;

/// <summary>
/// Headers every page gets: no framing, no MIME sniffing, a strict referrer policy, and a content security policy that
/// allows scripts only from this site. Form posts may go on to Stripe's checkout (the sponsor form redirects there).
/// The Hangfire dashboard keeps its own inline scripts and gets no CSP.
/// </summary>
public static class SecurityHeaders
{
    /// <param name="challenge">The sponsor form challenge's origins (<see cref="SponsorChallenge.Origins"/>), allowed for scripts and frames.</param>
    private static string Policy(string challenge) =>
        $"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'{challenge}; " +
        $"frame-src 'self'{challenge}; frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self' https://checkout.stripe.com";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (!context.Request.Path.StartsWithSegments("/admin/jobs", StringComparison.OrdinalIgnoreCase))
            {
                var settings = context.RequestServices
                    .GetRequiredService<Microsoft.Extensions.Options.IOptions<Portal.Core.Sponsorships.CardTesting.CardTestingOptions>>().Value;
                headers.ContentSecurityPolicy = Policy(SponsorChallenge.Origins(settings));
            }

            await next();
        });
}

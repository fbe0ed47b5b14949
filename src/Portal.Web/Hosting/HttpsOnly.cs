using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Hosting;

namespace Portal.Web.Hosting;

/// <summary>
/// Outside Development the portal speaks only HTTPS: the donor, staff, antiforgery and TempData cookies are Secure, plain HTTP is
/// redirected (behind a trusted proxy its X-Forwarded-Proto decides what was plain) and HSTS is sent.
/// <c>Portal:AllowPlainHttp</c> turns this off for tests and tools on loopback, with a warning at start.
/// </summary>
public static class HttpsOnly
{
    public static bool Required(IConfiguration configuration, IHostEnvironment environment) =>
        !environment.IsDevelopment()
        && !configuration.GetSection(PortalOptions.Section).GetValue<bool>(nameof(PortalOptions.AllowPlainHttp));

    public static IServiceCollection AddHttpsOnly(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var policy = Required(configuration, environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.ConfigureApplicationCookie(options => options.Cookie.SecurePolicy = policy);
        services.Configure<CookieAuthenticationOptions>(PortalPolicies.DonorScheme, options => options.Cookie.SecurePolicy = policy);
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options => options.Cookie.SecurePolicy = policy);
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, options => options.Cookie.SecurePolicy = policy);
        services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = policy);
        services.Configure<CookieTempDataProviderOptions>(options => options.Cookie.SecurePolicy = policy);
        // Behind a load balancer the node itself may listen only on HTTP, so its own addresses do not say the port.
        services.AddHttpsRedirection(options => options.HttpsPort = configuration.GetValue<int?>("https_port") ?? 443);
        return services;
    }

    /// <summary>Before anything answers: redirect plain HTTP and send HSTS, or warn that plain HTTP is allowed.</summary>
    public static void Use(WebApplication app)
    {
        if (Required(app.Configuration, app.Environment))
        {
            app.UseHsts();
            // The load balancer's health probes come over plain HTTP to the node and must not be redirected.
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), branch => branch.UseHttpsRedirection());
        }
        else if (!app.Environment.IsDevelopment())
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpsOnly));
            WebLog.PlainHttpAllowed(logger, app.Environment.EnvironmentName);
        }
    }
}

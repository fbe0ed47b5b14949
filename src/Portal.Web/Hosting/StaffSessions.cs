using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Core.Staff;

namespace Portal.Web.Hosting;

/// <summary>
/// The staff cookie's session rules (decision 024): an idle timeout (sliding), an absolute lifetime counted from the
/// sign-in, and the security stamp checked every <see cref="StaffOptions.SecurityStampValidationInterval"/>, so that a
/// sign-out, password or factor change or deactivation ends every saved cookie of the member on every node.
/// </summary>
public static class StaffSessions
{
    /// <summary>The sign-in time, kept in the cookie's properties (refreshes and stamp checks keep the properties).</summary>
    private const string SignedInAtKey = "portal.signed-in-at";

    public static IServiceCollection AddStaffSessions(this IServiceCollection services)
    {
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<StaffOptions>>((options, staff) =>
            {
                options.ExpireTimeSpan = staff.Value.IdleTimeout;
                options.SlidingExpiration = true;
                options.Events.OnSigningIn = context =>
                {
                    context.Properties.Items.TryAdd(SignedInAtKey, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                    return Task.CompletedTask;
                };
                options.Events.OnValidatePrincipal = async context =>
                {
                    await SecurityStampValidator.ValidatePrincipalAsync(context);
                    if (context.Principal is not null && Expired(context.Properties, staff.Value.SessionLifetime))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    }
                };
            });
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<StaffOptions>>((options, staff) =>
            {
                options.ValidationInterval = staff.Value.SecurityStampValidationInterval;
                // The stamp check builds a new principal from the database; the second factor used at sign-in is kept.
                options.OnRefreshingPrincipal = context =>
                {
                    var methods = context.CurrentPrincipal?.FindAll(SecondFactorRequirement.MethodClaim).ToList() ?? [];
                    if (context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(claim => claim.Type == "amr"))
                    {
                        identity.AddClaims(methods.Select(claim => new Claim(claim.Type, claim.Value)));
                    }

                    return Task.CompletedTask;
                };
            });
        // Identity takes the passkeys' relying party id from the request's host unless it is set; the origin a browser
        // reports must match the request's Origin header either way.
        services.AddOptions<IdentityPasskeyOptions>()
            .Configure<IOptions<StaffOptions>>((options, staff) =>
            {
                if (!string.IsNullOrEmpty(staff.Value.PasskeyDomain))
                {
                    options.ServerDomain = staff.Value.PasskeyDomain;
                }
            });
        return services;
    }

    /// <summary>Signs the member in as having used a second factor (an authenticator code, recovery code or passkey).</summary>
    public static Task SignInWithSecondFactorAsync(this SignInManager<IdentityUser> signIn, IdentityUser user) =>
        signIn.SignInWithClaimsAsync(
            user, isPersistent: false, [new Claim(SecondFactorRequirement.MethodClaim, SecondFactorRequirement.MultiFactor)]);

    private static bool Expired(AuthenticationProperties properties, TimeSpan lifetime) =>
        !properties.Items.TryGetValue(SignedInAtKey, out var value)
        || !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
        || DateTimeOffset.FromUnixTimeSeconds(seconds) + lifetime < DateTimeOffset.UtcNow;
}

using System.Net;
using Portal.Core.Staff;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Security;

/// <summary>What the portal answered, in the suite's terms.</summary>
public enum Answer
{
    Allowed,
    DonorSignIn,
    StaffSignIn,
    Forbidden,
    Unauthorized,
    ServerError,
}

/// <summary>The people the suite plays: a visitor, a donor, and a staff member of each role.</summary>
public static class Identities
{
    public const string Anonymous = "anonymous";
    public const string Donor = "donor";

    public static readonly string[] All =
        [Anonymous, Donor, StaffRoles.Admin, StaffRoles.Finance, StaffRoles.Communications, StaffRoles.DonorCare];

    /// <summary>A browser signed in as <paramref name="identity"/>; staff through the suite-wide helper in Infrastructure/Staff.cs.</summary>
    public static async Task<HttpClient> BrowserAsync(SecurityWorld world, string identity)
    {
        var browser = world.Portal.Browser();
        await world.ForgetSignInLimitsAsync();
        if (identity == Donor)
        {
            await browser.SignInAsync(world.Portal, world.C.Email);
        }
        else if (identity != Anonymous)
        {
            await browser.SignInAsStaffAsync(world.Portal, identity);
        }

        return browser;
    }

    public static Answer Expected(Access access, string identity) => access switch
    {
        Access.Donor => identity == Donor ? Answer.Allowed : Answer.DonorSignIn,
        Access.Admin => Staff(identity, StaffRoles.Admin),
        Access.Finance => Staff(identity, StaffRoles.Finance, StaffRoles.Admin),
        Access.Communications => Staff(identity, StaffRoles.Communications, StaffRoles.Admin),
        Access.DonorCare => Staff(identity, StaffRoles.DonorCare, StaffRoles.Finance, StaffRoles.Admin),
        Access.Fundraising => Staff(identity, StaffRoles.Finance, StaffRoles.Communications, StaffRoles.Admin),
        Access.AnyStaff => Staff(identity, [.. StaffRoles.All]),
        _ => Answer.Allowed,
    };

    public static Answer Of(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        var path = location.StartsWith("http", StringComparison.Ordinal) ? new Uri(location).AbsolutePath : location.Split('?')[0];
        var challenged = location.Contains("ReturnUrl=", StringComparison.Ordinal);
        return ((int)response.StatusCode, path, challenged) switch
        {
            ( >= 500, _, _) => Answer.ServerError,
            (401, _, _) => Answer.Unauthorized,
            (403, _, _) or (302, "/status/403", _) => Answer.Forbidden,
            (302, "/account/sign-in", true) => Answer.DonorSignIn,
            (302, "/staff/login", true) => Answer.StaffSignIn,
            _ => Answer.Allowed,
        };
    }

    /// <summary>Where a browser of this kind finds a form, so its anti-forgery token fits the user the endpoint sees.</summary>
    public static string TokenPage(Access access) => access switch
    {
        Access.Donor => "/account",
        Access.Admin or Access.Finance or Access.Communications or Access.DonorCare or Access.AnyStaff => "/staff/password",
        _ => "/account/sign-in",
    };

    private static Answer Staff(string identity, params IReadOnlyList<string> roles) =>
        identity is Anonymous or Donor ? Answer.StaffSignIn : roles.Contains(identity) ? Answer.Allowed : Answer.Forbidden;
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Portal.Core.Staff;

namespace Portal.Web.Hosting;

/// <summary>The authorization policies: one per staff area, one for donors, one for the local mailbox.</summary>
public static class PortalPolicies
{
    public const string Admin = StaffRoles.Admin;
    public const string Finance = StaffRoles.Finance;
    public const string Communications = StaffRoles.Communications;
    public const string DonorCare = StaffRoles.DonorCare;

    /// <summary>The fundraising figures and lists: Finance, Communications and Admin.</summary>
    public const string Fundraising = "Fundraising";
    public const string AnyStaff = "AnyStaff";

    /// <summary>Any signed-in member of staff, second factor or not: the pages where they set one up.</summary>
    public const string StaffAccount = "StaffAccount";
    public const string Donor = "Donor";
    public const string Mailbox = "Mailbox";

    public const string DonorScheme = "Donor";
    public const string DonorIdClaim = "donor_id";

    /// <summary>The donor cookie's <see cref="Portal.Core.Donors.DonorSession"/>, checked on every request (<see cref="DonorCookie"/>).</summary>
    public const string DonorSessionClaim = "donor_session";

    public static void Add(AuthorizationOptions options, bool isDevelopment)
    {
        // Staff policies only look at the staff cookie: a donor's cookie never opens a staff page.
        options.AddPolicy(Admin, policy => Staff(policy).RequireRole(StaffRoles.Admin));
        options.AddPolicy(Finance, policy => Staff(policy).RequireRole(StaffRoles.Finance, StaffRoles.Admin));
        options.AddPolicy(Communications, policy => Staff(policy).RequireRole(StaffRoles.Communications, StaffRoles.Admin));
        options.AddPolicy(DonorCare, policy => Staff(policy).RequireRole(StaffRoles.DonorCare, StaffRoles.Finance, StaffRoles.Admin));
        options.AddPolicy(
            Fundraising, policy => Staff(policy).RequireRole(StaffRoles.Finance, StaffRoles.Communications, StaffRoles.Admin));
        options.AddPolicy(AnyStaff, policy => Staff(policy).RequireRole(StaffRoles.All));
        options.AddPolicy(StaffAccount, policy => policy.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser().RequireRole(StaffRoles.All));
        options.AddPolicy(Donor, policy => policy.AddAuthenticationSchemes(DonorScheme).RequireAuthenticatedUser().RequireClaim(DonorIdClaim));
        options.AddPolicy(Mailbox, policy =>
        {
            if (isDevelopment)
            {
                // On a developer's machine the mailbox is how a newcomer follows a sign-in link.
                policy.RequireAssertion(_ => true);
            }
            else
            {
                Staff(policy).RequireRole(StaffRoles.Admin);
            }
        });
    }

    /// <summary>Every staff policy asks for the second factor the member's role needs (decision 024).</summary>
    private static AuthorizationPolicyBuilder Staff(AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser()
            .AddRequirements(new SecondFactorRequirement());
}

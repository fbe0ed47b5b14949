using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Portal.Core.Staff;

namespace Portal.Web.Hosting;

/// <summary>
/// Part of every staff policy: a member whose role needs a second factor (Admin, Finance, and Communications when
/// <see cref="StaffOptions.RequireSecondFactorForCommunications"/>) must have used one in this sign-in. Failing it sends
/// them to /staff/security (see <see cref="StaffAuthorizationResultHandler"/>), where they set one up or sign in with it.
/// </summary>
public sealed class SecondFactorRequirement : IAuthorizationRequirement
{
    /// <summary>The claim Identity adds when a second factor was used ("mfa"); a passkey sign-in gets it too.</summary>
    public const string MethodClaim = "amr";
    public const string MultiFactor = "mfa";
}

public sealed class SecondFactorHandler(IOptionsMonitor<StaffOptions> options) : AuthorizationHandler<SecondFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        var user = context.User;
        // Donor care reads and changes donors' personal data and sponsorships: as sensitive as Finance.
        var needed = user.IsInRole(StaffRoles.Admin) || user.IsInRole(StaffRoles.Finance) || user.IsInRole(StaffRoles.DonorCare)
            || (user.IsInRole(StaffRoles.Communications) && options.CurrentValue.RequireSecondFactorForCommunications);
        if (!needed || user.HasClaim(SecondFactorRequirement.MethodClaim, SecondFactorRequirement.MultiFactor))
        {
            // Not calling Fail: the requirement is then listed as failed, which the result handler turns into a redirect.
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Staff;

namespace Portal.Web.Pages.Staff;

/// <summary>Where a member lands after signing in: the page they asked for, else their role's area.</summary>
public static class StaffHome
{
    public static async Task<string> ForAsync(UserManager<IdentityUser> users, IdentityUser user, string? returnUrl, IUrlHelper url)
    {
        if (url.IsLocalUrl(returnUrl))
        {
            return returnUrl!;
        }

        var roles = await users.GetRolesAsync(user);
        return roles.Contains(StaffRoles.Finance) ? "/finance"
            : roles.Contains(StaffRoles.Communications) ? "/communications"
            : roles.Contains(StaffRoles.DonorCare) ? "/donors"
            : "/admin";
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Portal.Web.Hosting;

public static class StaffActors
{
    /// <summary>The signed-in staff member's id, e-mail and name as the audit log and the records keep them.</summary>
    public static async Task<(string Id, string Email)> ActorAsync(this UserManager<IdentityUser> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        return (user?.Id ?? "", user?.Email ?? principal.Identity?.Name ?? "staff");
    }
}

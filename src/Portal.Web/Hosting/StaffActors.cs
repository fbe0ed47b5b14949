using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Portal.Web.Hosting;

/// <summary>The staff member acting, as the audit log and the records name them: their user id and their e-mail.</summary>
public sealed record Actor(string Id, string Name);

/// <summary>
/// A staff action reached with no signed-in user behind it (the account was deleted while its cookie lived on). Refused
/// rather than recorded as "staff": the audit trail must name who did it. The central handler answers 403.
/// </summary>
public sealed class NoSignedInStaffException() : Exception("The request acts for staff, but no staff member is signed in.");

public static class StaffActors
{
    /// <summary>The one way to name the acting staff member; throws <see cref="NoSignedInStaffException"/> when there is none.</summary>
    public static async Task<Actor> ActorAsync(this UserManager<IdentityUser> users, ClaimsPrincipal principal)
    {
        var user = principal.Identity?.IsAuthenticated == true ? await users.GetUserAsync(principal) : null;
        return user is null ? throw new NoSignedInStaffException() : new Actor(user.Id, user.Email ?? user.UserName ?? user.Id);
    }
}

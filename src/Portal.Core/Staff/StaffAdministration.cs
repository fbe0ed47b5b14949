using Microsoft.AspNetCore.Identity;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Staff;

/// <summary>What an Admin does to another member's account: roles, deactivation. Every change is audited.</summary>
public sealed class StaffAdministration(UserManager<IdentityUser> users, AuditLog audit, PortalDbContext db)
{
    /// <summary>Null when done, else why not (an Admin cannot take the last Admin away or lock themselves out).</summary>
    public async Task<string?> SetRolesAsync(IdentityUser user, IReadOnlyCollection<string> roles, string actorId, string actorName, string? ip)
    {
        var wanted = roles.Where(StaffRoles.All.Contains).ToHashSet();
        var current = (await users.GetRolesAsync(user)).ToHashSet();
        if (current.Contains(StaffRoles.Admin) && !wanted.Contains(StaffRoles.Admin))
        {
            if (user.Id == actorId)
            {
                return "You cannot remove your own Admin role.";
            }

            if (await IsLastActiveAdminAsync(user))
            {
                return "This is the last active Admin: make someone else Admin first.";
            }
        }

        StaffFactors.Check(await users.RemoveFromRolesAsync(user, current.Except(wanted)));
        StaffFactors.Check(await users.AddToRolesAsync(user, wanted.Except(current)));
        // Roles live in the cookie: the stamp change makes every node read them again.
        StaffFactors.Check(await users.UpdateSecurityStampAsync(user));
        audit.Record(actorId, actorName, "staff.roles-changed", $"user:{user.Id}", $"{user.Email}: {string.Join(", ", wanted.Order())}", ip);
        await db.SaveChangesAsync();
        return null;
    }

    /// <summary>Locks the account for good and ends its sessions on every node.</summary>
    public async Task<string?> DeactivateAsync(IdentityUser user, string actorId, string actorName, string? ip)
    {
        if (user.Id == actorId)
        {
            return "You cannot deactivate your own account.";
        }

        if (await users.IsInRoleAsync(user, StaffRoles.Admin) && await IsLastActiveAdminAsync(user))
        {
            return "This is the last active Admin: make someone else Admin first.";
        }

        StaffFactors.Check(await users.SetLockoutEnabledAsync(user, true));
        StaffFactors.Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        StaffFactors.Check(await users.UpdateSecurityStampAsync(user));
        audit.Record(actorId, actorName, "staff.deactivated", $"user:{user.Id}", user.Email, ip);
        await db.SaveChangesAsync();
        return null;
    }

    public async Task ReactivateAsync(IdentityUser user, string actorId, string actorName, string? ip)
    {
        StaffFactors.Check(await users.SetLockoutEndDateAsync(user, null));
        StaffFactors.Check(await users.ResetAccessFailedCountAsync(user));
        audit.Record(actorId, actorName, "staff.reactivated", $"user:{user.Id}", user.Email, ip);
        await db.SaveChangesAsync();
    }

    public static bool IsDeactivated(IdentityUser user) => user.LockoutEnd == DateTimeOffset.MaxValue;

    private async Task<bool> IsLastActiveAdminAsync(IdentityUser user) =>
        !(await users.GetUsersInRoleAsync(StaffRoles.Admin)).Any(other => other.Id != user.Id && !IsDeactivated(other));
}

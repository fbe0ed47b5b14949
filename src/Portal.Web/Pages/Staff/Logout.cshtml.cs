using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Web.Pages.Staff;

/// <summary>
/// /staff/logout: signing out changes the member's security stamp, so every saved copy of their cookie, on any device
/// and node, stops working at its next stamp check (Staff:SecurityStampValidationInterval): sign-out is sign-out everywhere.
/// </summary>
public sealed class LogoutModel(SignInManager<IdentityUser> signIn, AuditLog audit, PortalDbContext db) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
            audit.Record(user.Id, user.Email ?? user.Id, "staff.signed-out", $"user:{user.Id}", "every session", ip);
            await db.SaveChangesAsync();
        }

        await signIn.SignOutAsync();
        return Redirect("/");
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Donors;
using Portal.Web.Hosting;

namespace Portal.Web.Pages.Account;

/// <summary>
/// Signing out revokes this browser's session on the server, so a copy of the cookie no longer opens the account;
/// "sign out everywhere" revokes every session of the donor.
/// </summary>
public sealed class SignOutModel(DonorSessions sessions) : DonorPageModel
{
    public IActionResult OnGet() => RedirectToPage("/Account/Index");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (DonorCookie.SessionId(User) is { } session)
        {
            await sessions.RevokeAsync(session, cancellationToken);
        }

        await HttpContext.SignOutAsync(PortalPolicies.DonorScheme);
        return Redirect("/");
    }

    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken cancellationToken)
    {
        await sessions.RevokeAllAsync(DonorId, cancellationToken);
        await HttpContext.SignOutAsync(PortalPolicies.DonorScheme);
        return Redirect("/");
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Web.Hosting;

namespace Portal.Web.Pages.Account;

/// <summary>
/// The page a sign-in link opens. Opening it changes nothing (mail scanners open links too); the donor's button press
/// uses the token up and signs them in.
/// </summary>
public sealed class SignInConfirmModel(DonorSignIn signIn, DonorSessions sessions, PortalDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Failed { get; private set; }

    public IActionResult OnGet() => string.IsNullOrEmpty(Token) ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var donorId = await signIn.RedeemAsync(Token, cancellationToken);
        var donor = donorId is null ? null : await db.Donors.AsNoTracking().SingleOrDefaultAsync(d => d.Id == donorId, cancellationToken);
        if (donor is null)
        {
            Failed = true;
            return Page();
        }

        var session = await sessions.StartAsync(donor.Id, Request.Headers.UserAgent, cancellationToken);
        await HttpContext.SignInAsync(PortalPolicies.DonorScheme, DonorCookie.Principal(donor, session));
        return RedirectToPage("/Account/Index");
    }
}

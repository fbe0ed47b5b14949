using System.Security.Claims;
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
public sealed class SignInConfirmModel(DonorSignIn signIn, PortalDbContext db) : PageModel
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

        await HttpContext.SignInAsync(PortalPolicies.DonorScheme, Principal(donor));
        return RedirectToPage("/Account/Index");
    }

    private static ClaimsPrincipal Principal(Donor donor) =>
        new(new ClaimsIdentity(
            [
                new Claim(PortalPolicies.DonorIdClaim, donor.Id.ToString()),
                new Claim(ClaimTypes.Name, donor.Name),
                new Claim(ClaimTypes.Email, donor.Email),
            ],
            PortalPolicies.DonorScheme));
}

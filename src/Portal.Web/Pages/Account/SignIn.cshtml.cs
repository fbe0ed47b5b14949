using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Donors;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Pages.Account;

/// <summary>/account/sign-in: asks for a sign-in link. The answer is the same whether or not the address is known.</summary>
[SharedRateLimit(SharedRateLimits.SignIn)]
public sealed class SignInModel(DonorSignIn signIn, IStringLocalizer<DonorText> text) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [StringLength(254)]
    [Display(Name = "E-mail address")]
    public string Email { get; set; } = "";

    [TempData]
    public string? SentTo { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && !EmailAddresses.IsValid(Email.Trim()))
        {
            ModelState.AddModelError(nameof(Email), text["Enter your e-mail address, like name@example.org."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await signIn.RequestLinkAsync(Email.Trim(), cancellationToken);
        SentTo = Email.Trim();
        return RedirectToPage();
    }
}

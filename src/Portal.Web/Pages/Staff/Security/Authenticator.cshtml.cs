using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Staff;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Pages.Staff.Security;

/// <summary>/staff/security/authenticator: shows the key (and its otpauth URI) and turns the app on once a code is right.</summary>
public sealed class AuthenticatorModel(
    UserManager<IdentityUser> users,
    SignInManager<IdentityUser> signIn,
    StaffFactors factors,
    IStringLocalizer<StaffText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Enter the six-digit code your app shows.")]
    [StringLength(10)]
    [Display(Name = "Code from the app")]
    public string Code { get; set; } = "";

    public string Key { get; private set; } = "";

    public string Uri { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync() => (await LoadAsync()).Answer ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var (answer, user) = await LoadAsync();
        if (answer is not null || user is null)
        {
            return answer ?? Forbid();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var codes = await factors.EnableAuthenticatorAsync(user, Code, HttpContext.Connection.RemoteIpAddress?.ToString());
        if (codes is null)
        {
            ModelState.AddModelError(nameof(Code), text["That code is not right: check the time on your phone and try the next one."]);
            return Page();
        }

        // The code just given is the second factor of this session; the stamp changed, so the cookie is renewed.
        await signIn.SignInWithSecondFactorAsync(user);
        TempData["RecoveryCodes"] = string.Join(' ', codes);
        TempData["StatusMessage"] = text["Authenticator app on."].Value;
        return RedirectToPage("Index", new { ReturnUrl });
    }

    /// <summary>
    /// The member, when they may add an authenticator: not on yet, and no other factor skipped in this sign-in. One that
    /// is on already is changed by removing it first: back to the security page, saying so.
    /// </summary>
    private async Task<(IActionResult? Answer, IdentityUser? User)> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return (Forbid(), null);
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            TempData["StatusMessage"] = text["Your authenticator app is already on. To move it to another phone, ask an Admin to reset it."].Value;
            return (RedirectToPage("Index", new { ReturnUrl }), null);
        }

        if (await factors.HasAnyAsync(user) && !User.HasClaim(SecondFactorRequirement.MethodClaim, SecondFactorRequirement.MultiFactor))
        {
            return (Forbid(), null);
        }

        (Key, Uri) = await factors.AuthenticatorKeyAsync(user);
        return (null, user);
    }
}

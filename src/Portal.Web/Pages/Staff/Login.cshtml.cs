using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Web.Hosting;

namespace Portal.Web.Pages.Staff;

/// <summary>/staff/login: staff sign in with a password; five failures lock the account for 15 minutes.</summary>
[SharedRateLimit(SharedRateLimits.SignIn)]
public sealed class LoginModel(SignInManager<IdentityUser> signIn, AuditLog audit, PortalDbContext db) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, "Too many failed attempts: this account is locked for 15 minutes.");
            return Page();
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, "The e-mail address or password is not right.");
            return Page();
        }

        var user = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        audit.Record(user!.Id, user.Email!, "staff.signed-in", $"user:{user.Id}", ipAddress: HttpContext.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync();
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : await HomeForAsync(user));
    }

    private async Task<string> HomeForAsync(IdentityUser user)
    {
        var roles = await signIn.UserManager.GetRolesAsync(user);
        return roles.Contains("Finance") ? "/finance" : roles.Contains("Communications") ? "/communications" : "/admin";
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}

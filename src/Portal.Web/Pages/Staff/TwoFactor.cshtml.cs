using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Pages.Staff;

/// <summary>
/// /staff/login/two-factor: after the right password, the authenticator app's code or one recovery code (each works
/// once). Wrong codes count towards the same lock-out as wrong passwords. Not under the per-IP sign-in limit: only a
/// right password (which that limit counts) opens this step, so one sign-in is counted once, not twice, for an office
/// whose staff share one address.
/// </summary>
public sealed class TwoFactorModel(SignInManager<IdentityUser> signIn, AuditLog audit, PortalDbContext db, IStringLocalizer<StaffText> text)
    : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Staff/Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Staff/Login", new { ReturnUrl });
        }

        var code = new string((Input.Code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        var recovery = (Input.RecoveryCode ?? "").Trim().Replace(" ", "", StringComparison.Ordinal);
        if (code.Length == 0 && recovery.Length == 0)
        {
            ModelState.AddModelError(string.Empty, text["Enter the code from your authenticator app, or a recovery code."]);
            return Page();
        }

        var result = code.Length > 0
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(recovery);
        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        var how = code.Length > 0 ? "password and authenticator" : "password and recovery code";
        if (result.Succeeded)
        {
            if (code.Length == 0)
            {
                var left = await signIn.UserManager.CountRecoveryCodesAsync(user);
                audit.Record(user.Id, user.Email!, "staff.recovery-code-used", $"user:{user.Id}", $"{left} left", ip);
            }

            audit.Record(user.Id, user.Email!, "staff.signed-in", $"user:{user.Id}", how, ip);
            await db.SaveChangesAsync();
            return LocalRedirect(await StaffHome.ForAsync(signIn.UserManager, user, ReturnUrl, Url));
        }

        audit.Record(user.Id, user.Email!, result.IsLockedOut ? "staff.locked-out" : "staff.sign-in-failed", $"user:{user.Id}", how, ip);
        await db.SaveChangesAsync();
        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, text["Too many failed attempts: this account is locked for 15 minutes."]);
            return Page();
        }

        ModelState.AddModelError(string.Empty, text["That code is not right (or was used already)."]);
        return Page();
    }

    public sealed class InputModel
    {
        [Display(Name = "Code from your authenticator app")]
        [StringLength(10)]
        public string? Code { get; set; }

        [Display(Name = "Or a recovery code")]
        [StringLength(20)]
        public string? RecoveryCode { get; set; }
    }
}

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
/// /staff/login: a password (then the authenticator code on /staff/login/two-factor when the member has one), or a
/// passkey, which counts as both factors. Five failures lock the account for 15 minutes. Every outcome is audited.
/// </summary>
[SharedRateLimit(SharedRateLimits.SignIn)]
public sealed class LoginModel(SignInManager<IdentityUser> signIn, AuditLog audit, PortalDbContext db, IStringLocalizer<StaffText> text) : PageModel
{
    /// <summary>The refusal of an unknown passkey, and its key in StaffText.resx.</summary>
    public const string PasskeyRefused = "This passkey is not known here (it may have been removed): sign in with your password.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? CredentialJson { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Staff/TwoFactor", new { ReturnUrl });
        }

        if (!result.Succeeded)
        {
            return await RefuseAsync(user, result.IsLockedOut, "password", Input.Email.Trim());
        }

        await RecordSignInAsync(user!, "password");
        return LocalRedirect(await StaffHome.ForAsync(signIn.UserManager, user!, ReturnUrl, Url));
    }

    /// <summary>The browser asks for a passkey challenge (the state is kept in a short-lived cookie by Identity).</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");

    public async Task<IActionResult> OnPostPasskeyAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrEmpty(CredentialJson) || CredentialJson.Length > 20_000)
        {
            ModelState.AddModelError(string.Empty, text["The passkey did not answer; try again."]);
            return Page();
        }

        var assertion = await signIn.PerformPasskeyAssertionAsync(CredentialJson);
        if (!assertion.Succeeded)
        {
            return await RefuseAsync(null, false, "passkey", null);
        }

        var user = assertion.User;
        if (await signIn.UserManager.IsLockedOutAsync(user))
        {
            return await RefuseAsync(user, true, "passkey", null);
        }

        await signIn.UserManager.AddOrUpdatePasskeyAsync(user, assertion.Passkey);
        await signIn.SignInWithSecondFactorAsync(user);
        await RecordSignInAsync(user, "passkey");
        return LocalRedirect(await StaffHome.ForAsync(signIn.UserManager, user, ReturnUrl, Url));
    }

    private async Task RecordSignInAsync(IdentityUser user, string how)
    {
        audit.Record(user.Id, user.Email!, "staff.signed-in", $"user:{user.Id}", how, HttpContext.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync();
    }

    private async Task<IActionResult> RefuseAsync(IdentityUser? user, bool lockedOut, string how, string? email)
    {
        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        var who = user?.Email ?? email?[..Math.Min(email.Length, 254)] ?? "unknown";
        var action = lockedOut ? "staff.locked-out" : "staff.sign-in-failed";
        audit.Record(user?.Id ?? "anonymous", who, action, user is null ? null : $"user:{user.Id}", how, ip);
        await db.SaveChangesAsync();
        ModelState.AddModelError(
            string.Empty,
            lockedOut ? text["Too many failed attempts: this account is locked for 15 minutes."]
            : how == "passkey" ? text[PasskeyRefused]
            : text["The e-mail address or password is not right."]);
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress]
        [Display(Name = "E-mail address")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";
    }
}

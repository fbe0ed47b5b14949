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

/// <summary>/staff/set-password: an invited member chooses their password with the e-mailed one-time link.</summary>
[SharedRateLimit(SharedRateLimits.SignIn)]
public sealed class SetPasswordModel(UserManager<IdentityUser> users, AuditLog audit, PortalDbContext db, IStringLocalizer<StaffText> text)
    : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = string.IsNullOrEmpty(UserId) || UserId.Length > 100 ? null : await users.FindByIdAsync(UserId);
        var result = user is null || string.IsNullOrEmpty(Token) || Token.Length > 2000
            ? IdentityResult.Failed(new IdentityError { Code = "InvalidToken", Description = "" })
            : await users.ResetPasswordAsync(user, Token, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(
                    error.Code == "InvalidToken" ? string.Empty : "Input.NewPassword",
                    error.Code == "InvalidToken"
                        ? text["This link has been used or has expired: ask an Admin for a new invitation."]
                        : error.Description);
            }

            return Page();
        }

        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        audit.Record(user!.Id, user.Email ?? user.Id, "staff.password-set", $"user:{user.Id}", "invitation link", ip);
        await db.SaveChangesAsync();
        Done = true;
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a new password.")]
        [StringLength(200, MinimumLength = 12, ErrorMessage = "Use at least 12 characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = "";

        [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password again")]
        public string ConfirmPassword { get; set; } = "";
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Portal.Core.Staff;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Pages.Staff.Security;

/// <summary>
/// /staff/security: the member's second factors. Staff whose role needs one are sent here until they have one and
/// have used it in this sign-in. Once a member has a factor, changing factors needs a session that used one.
/// </summary>
public sealed class IndexModel(
    UserManager<IdentityUser> users,
    SignInManager<IdentityUser> signIn,
    StaffFactors factors,
    IStringLocalizer<StaffText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? CredentialJson { get; set; }

    [BindProperty]
    public string? PasskeyName { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string? RecoveryCodes { get; set; }

    public bool AuthenticatorOn { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public IList<UserPasskeyInfo> Passkeys { get; private set; } = [];

    public bool HasFactor { get; private set; }

    public bool UsedFactor { get; private set; }

    public bool MayChange => !HasFactor || UsedFactor;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostPasskeyOptionsAsync()
    {
        if (await LoadAsync() is not { } user || !MayChange)
        {
            return Forbid();
        }

        var entity = new PasskeyUserEntity { Id = user.Id, Name = user.Email!, DisplayName = user.Email! };
        return Content(await signIn.MakePasskeyCreationOptionsAsync(entity), "application/json");
    }

    public async Task<IActionResult> OnPostAddPasskeyAsync()
    {
        if (await LoadAsync() is not { } user || !MayChange)
        {
            return Forbid();
        }

        var attestation = string.IsNullOrEmpty(CredentialJson) || CredentialJson.Length > 50_000
            ? null
            : await signIn.PerformPasskeyAttestationAsync(CredentialJson);
        if (attestation is not { Succeeded: true })
        {
            StatusMessage = text["The passkey was not added: {0}", attestation?.Failure?.Message ?? text["the browser did not answer."]];
            return RedirectToPage(new { ReturnUrl });
        }

        attestation.Passkey.Name = string.IsNullOrWhiteSpace(PasskeyName)
            ? text["Passkey"]
            : PasskeyName.Trim()[..Math.Min(PasskeyName.Trim().Length, 60)];
        await factors.AddPasskeyAsync(user, attestation.Passkey, Ip);
        // Making a passkey with user verification proves both factors; the stamp changed, so the cookie is renewed.
        await signIn.SignInWithSecondFactorAsync(user);
        StatusMessage = text["Passkey added."];
        return RedirectToPage(new { ReturnUrl });
    }

    public async Task<IActionResult> OnPostRemovePasskeyAsync(string id)
    {
        if (await LoadAsync() is not { } user || !MayChange)
        {
            return Forbid();
        }

        byte[] credentialId;
        try
        {
            credentialId = WebEncoders.Base64UrlDecode(id ?? "");
        }
        catch (FormatException)
        {
            return NotFound();
        }

        if (!await factors.RemovePasskeyAsync(user, credentialId, Ip))
        {
            return NotFound();
        }

        await signIn.RefreshSignInAsync(user);
        StatusMessage = text["Passkey removed."];
        return RedirectToPage(new { ReturnUrl });
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await LoadAsync() is not { } user || !UsedFactor || !AuthenticatorOn)
        {
            return Forbid();
        }

        RecoveryCodes = string.Join(' ', await factors.NewRecoveryCodesAsync(user, Ip));
        return RedirectToPage(new { ReturnUrl });
    }

    /// <summary>A member who has a factor but signed in without it (added it meanwhile, say) signs in again.</summary>
    public async Task<IActionResult> OnPostSignInAgainAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Staff/Login", new { ReturnUrl });
    }

    private string? Ip => HttpContext.Connection.RemoteIpAddress?.ToString();

    private async Task<IdentityUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return null;
        }

        AuthenticatorOn = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        Passkeys = await users.GetPasskeysAsync(user);
        HasFactor = AuthenticatorOn || Passkeys.Count > 0;
        UsedFactor = User.HasClaim(SecondFactorRequirement.MethodClaim, SecondFactorRequirement.MultiFactor);
        return user;
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Portal.Core.Payments.Sandbox;

namespace Portal.Web.Pages.Sandbox;

/// <summary>The sandbox's pretend bank asking the donor to confirm a payment (3-D Secure).</summary>
public sealed class AuthenticateModel(SandboxCheckout checkout) : PageModel
{
    public SandboxPayment Payment { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string sessionId, CancellationToken cancellationToken)
    {
        Payment = (await checkout.FindAsync(sessionId, cancellationToken))!;
        return Payment is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string sessionId, bool approve, CancellationToken cancellationToken) =>
        await checkout.AuthenticateAsync(sessionId, approve, cancellationToken) switch
        {
            SandboxPayResult.Paid paid => Redirect(paid.ReturnUrl.ToString()),
            SandboxPayResult.Declined declined => RedirectToPage("/Sandbox/Checkout", new { sessionId }).WithDeclined(TempData, declined.Message),
            _ => RedirectToPage("/Sandbox/Checkout", new { sessionId }),
        };
}

internal static class RedirectExtensions
{
    public static RedirectToPageResult WithDeclined(this RedirectToPageResult result, ITempDataDictionary tempData, string message)
    {
        tempData["Declined"] = message;
        return result;
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Payments.Sandbox;

namespace Portal.Web.Pages.Sandbox;

/// <summary>
/// The sandbox's stand-in for Stripe's hosted checkout: takes Stripe's test card numbers and test IBANs, and feeds the
/// same event inbox as Stripe's webhooks. It exists only while the sandbox is the gateway.
/// </summary>
public sealed class CheckoutModel(SandboxCheckout checkout) : PageModel
{
    public SandboxPayment Payment { get; private set; } = null!;

    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? Expiry { get; set; }

    [BindProperty]
    public string? Cvc { get; set; }

    [BindProperty]
    public string? Holder { get; set; }

    [TempData]
    public string? Declined { get; set; }

    public async Task<IActionResult> OnGetAsync(string sessionId, CancellationToken cancellationToken) =>
        await LoadAsync(sessionId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(sessionId, cancellationToken))
        {
            return NotFound();
        }

        var result = await checkout.PayAsync(sessionId, Number ?? "", Expiry, Cvc, cancellationToken);
        return Show(result, sessionId);
    }

    private IActionResult Show(SandboxPayResult result, string sessionId)
    {
        switch (result)
        {
            case SandboxPayResult.Paid paid:
                return Redirect(paid.ReturnUrl.ToString());
            case SandboxPayResult.NeedsAuthentication:
                return RedirectToPage("/Sandbox/Authenticate", new { sessionId });
            case SandboxPayResult.Declined declined:
                Declined = declined.Message;
                return RedirectToPage(new { sessionId });
            case SandboxPayResult.Invalid invalid:
                ModelState.AddModelError(invalid.Field is "" ? string.Empty : Capitalise(invalid.Field), invalid.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(string sessionId, CancellationToken cancellationToken)
    {
        Payment = (await checkout.FindAsync(sessionId, cancellationToken))!;
        return Payment is not null;
    }

    private static string Capitalise(string field) => char.ToUpperInvariant(field[0]) + field[1..];
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Payments.Sandbox;

namespace Portal.Web.Pages.Sandbox;

/// <summary>
/// The sandbox's stand-in for Stripe Checkout in setup mode: the donor saves a new test card or IBAN for their
/// sponsorships, nothing is charged. It exists only while the sandbox is the gateway.
/// </summary>
public sealed class SetupModel(SandboxSetup setups) : PageModel
{
    public SandboxPayment Setup { get; private set; } = null!;

    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? Expiry { get; set; }

    [BindProperty]
    public string? Cvc { get; set; }

    public async Task<IActionResult> OnGetAsync(string sessionId, CancellationToken cancellationToken) =>
        await LoadAsync(sessionId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(sessionId, cancellationToken))
        {
            return NotFound();
        }

        switch (await setups.SaveAsync(sessionId, Number ?? "", Expiry, Cvc, cancellationToken))
        {
            case SandboxPayResult.Paid saved:
                return Redirect(saved.ReturnUrl.ToString());
            case SandboxPayResult.Invalid invalid:
                ModelState.AddModelError(
                    invalid.Field is "" ? string.Empty : char.ToUpperInvariant(invalid.Field[0]) + invalid.Field[1..],
                    invalid.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(string sessionId, CancellationToken cancellationToken)
    {
        Setup = (await setups.FindAsync(sessionId, cancellationToken))!;
        return Setup is not null;
    }
}

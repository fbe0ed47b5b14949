using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Sponsorships.Dunning;

namespace Portal.Web.Pages.Pay;

/// <summary>The page a "please confirm this payment" e-mail links to: no sign-in, the signed link is the key.</summary>
public sealed class IndexModel(ConfirmPayment confirm) : PageModel
{
    public ConfirmView? View { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        View = await confirm.FindAsync(token, cancellationToken);
        if (View is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var started = await confirm.StartAsync(token, cancellationToken);
        if (started is ConfirmStart.Redirect redirect)
        {
            return Redirect(redirect.Url.ToString());
        }

        Problem = ((ConfirmStart.Refused)started).Reason;
        View = await confirm.FindAsync(token, cancellationToken);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}

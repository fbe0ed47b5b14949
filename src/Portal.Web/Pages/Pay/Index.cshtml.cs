using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Sponsorships.Dunning;
using Portal.Web.Resources;

namespace Portal.Web.Pages.Pay;

/// <summary>The page a "please confirm this payment" e-mail links to: no sign-in, the signed link is the key.</summary>
public sealed class IndexModel(ConfirmPayment confirm, IStringLocalizer<DonorText> text) : PageModel
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

        Problem = text.Say(((ConfirmStart.Refused)started).Reason);
        View = await confirm.FindAsync(token, cancellationToken);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Pages.Status;

/// <summary>/status/{code}: the page behind every error status, in words a donor understands.</summary>
[IgnoreAntiforgeryToken]
public sealed class IndexModel : PageModel
{
    public int Code { get; private set; }

    public (string Title, string Message) Text => Code switch
    {
        404 => ("We could not find that page", "The address may be mistyped, or the page has moved."),
        429 => ("Too many attempts", "Please wait a few minutes and try again. If you were giving a gift, nothing was charged."),
        403 => ("Not for this account", "This page is for a different kind of account. If you are staff, sign in with your staff account."),
        400 => ("That request could not be read", "Please go back and try again."),
        503 => ("Not available just now", "Please try again in a few minutes."),
        _ => ("Something went wrong", "We are sorry. Nothing was charged; please try again in a few minutes."),
    };

    public IActionResult OnGet(int code) => Show(code);

    public IActionResult OnPost(int code) => Show(code);

    private PageResult Show(int code)
    {
        // Reached directly (not re-executed for an error), the page still answers with the code it describes.
        Code = code is >= 400 and <= 599 ? code : 404;
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null && HttpContext.Features.Get<IExceptionHandlerPathFeature>() is null)
        {
            Response.StatusCode = Code;
        }

        return Page();
    }
}

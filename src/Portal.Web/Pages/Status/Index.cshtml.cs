using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Hosting;

namespace Portal.Web.Pages.Status;

/// <summary>
/// /status/{code}: the page behind every error status, in words a donor understands; after an exception, the refusal's
/// message with its next step (<see cref="Refusals"/>), or for a bug the correlation id staff can quote.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class IndexModel(IHostEnvironment environment) : PageModel
{
    public int Code { get; private set; }

    public (string Title, string Message) Text { get; private set; }

    /// <summary>Set after an exception that was not a refusal: the id in the log beside the exception.</summary>
    public string? CorrelationId { get; private set; }

    /// <summary>The exception itself, shown in Development only.</summary>
    public string? Details { get; private set; }

    public IActionResult OnGet(int code) => Show(code);

    public IActionResult OnPost(int code) => Show(code);

    private PageResult Show(int code)
    {
        var failed = HttpContext.Features.Get<IExceptionHandlerFeature>();
        // Reached directly (not re-executed for an error), the page still answers with the code it describes.
        Code = failed is not null ? Response.StatusCode : code is >= 400 and <= 599 ? code : 404;
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null && failed is null)
        {
            Response.StatusCode = Code;
        }

        Text = Describe(Code);
        if (failed is not null)
        {
            if (Refusals.For(failed.Error) is { } refusal)
            {
                Text = (refusal.Title, refusal.Message);
            }
            else
            {
                CorrelationId = PortalExceptionHandler.CorrelationId(HttpContext);
            }

            Details = environment.IsDevelopment() ? failed.Error.ToString() : null;
        }

        return Page();
    }

    private static (string Title, string Message) Describe(int code) => code switch
    {
        404 => ("We could not find that page", "The address may be mistyped, or the page has moved."),
        429 => ("Too many attempts", "Please wait a few minutes and try again. If you were giving a gift, nothing was charged."),
        403 => ("Not for this account", "This page is for a different kind of account. If you are staff, sign in with your staff account."),
        400 => ("That request could not be read", "Please go back and try again."),
        503 => ("Not available just now", "Please try again in a few minutes."),
        _ => ("Something went wrong", "We are sorry. Nothing was charged; please try again in a few minutes."),
    };
}

using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;

namespace Portal.Web.Pages.Mail;

/// <summary>
/// The unsubscribe link of every bulk message. A POST unsubscribes at once: the button on this page, or a mail
/// client's one-click "unsubscribe" (RFC 8058 sends <c>List-Unsubscribe=One-Click</c> without any cookie or token of
/// ours, hence no antiforgery check; the signed link is the proof). A GET only asks, because mail scanners open links.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(PortalDbContext db, UnsubscribeLinks links, MailConsent consent) : PageModel
{
    public string Token { get; private set; } = "";

    public string TopicName { get; private set; } = "";

    public string MaskedEmail { get; private set; } = "";

    public bool Done { get; private set; }

    public UpdateEmailText Text { get; private set; } = UpdateEmailText.For("en");

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) is null ? Invalid() : Page();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var read = await LoadAsync(token, cancellationToken);
        if (read is null)
        {
            return Invalid();
        }

        var oneClick = Request.HasFormContentType && Request.Form["List-Unsubscribe"] == "One-Click";
        await consent.UnsubscribeAsync(
            read.DonorId,
            read.Topic,
            oneClick ? "one-click unsubscribe (RFC 8058)" : "unsubscribe link",
            cancellationToken);
        Done = true;
        return Page();
    }

    private BadRequestObjectResult Invalid()
        => BadRequest("This unsubscribe link is not valid. Use the link in your most recent e-mail, or sign in to change your mail preferences.");

    private async Task<UnsubscribeToken?> LoadAsync(string token, CancellationToken cancellationToken)
    {
        var read = links.Read(token);
        var donor = read is null ? null : await db.Donors.AsNoTracking().Where(d => d.Id == read.DonorId).Select(d => new { d.Email })
            .SingleOrDefaultAsync(cancellationToken);
        if (read is null || donor is null)
        {
            return null;
        }

        Token = token;
        // The page's language, not the donor's saved one: the reader is not signed in here (ReaderCulture).
        Text = UpdateEmailText.For(CultureInfo.CurrentUICulture.Name);
        TopicName = Text.Topic(read.Topic);
        var at = donor.Email.IndexOf('@', StringComparison.Ordinal);
        MaskedEmail = at > 1 ? $"{donor.Email[0]}…{donor.Email[(at - 1)..]}" : donor.Email;
        return read;
    }
}

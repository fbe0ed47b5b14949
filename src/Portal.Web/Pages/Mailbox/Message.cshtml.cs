using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;
using Portal.Core.Communications;

namespace Portal.Web.Pages.Mailbox;

/// <summary>/mailbox/{file}: one message, its text with working links, and its HTML in a sandboxed frame.</summary>
public sealed partial class MessageModel(MailboxFolder folder) : PageModel
{
    public string Subject { get; private set; } = "";

    public string From { get; private set; } = "";

    public string To { get; private set; } = "";

    public DateTimeOffset Date { get; private set; }

    /// <summary>The text part, HTML-encoded, with its http(s) addresses turned into links.</summary>
    public string LinkedText { get; private set; } = "";

    public string? Html { get; private set; }

    public async Task<IActionResult> OnGetAsync(string file, CancellationToken cancellationToken)
    {
        var found = folder.Find(file);
        if (found is null)
        {
            return NotFound();
        }

        using var message = await MimeMessage.LoadAsync(found.FullName, cancellationToken);
        (Subject, From, To, Date, Html) = (message.Subject ?? "(no subject)", message.From.ToString(), message.To.ToString(), message.Date, message
            .HtmlBody);
        LinkedText = Links().Replace(WebUtility.HtmlEncode(message.TextBody ?? ""), match => $"<a href=\"{match.Value}\">{match.Value}</a>");
        return Page();
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Links();
}

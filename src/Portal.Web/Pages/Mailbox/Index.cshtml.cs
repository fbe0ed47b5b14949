using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;
using Portal.Core.Communications;

namespace Portal.Web.Pages.Mailbox;

/// <summary>/mailbox: what the portal "sent" while mail goes to the local folder (admin-only outside Development).</summary>
public sealed class IndexModel(MailboxFolder folder) : PageModel
{
    public List<MailboxEntry> Messages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        foreach (var file in folder.List().Take(200))
        {
            using var message = await MimeMessage.LoadAsync(file.FullName, cancellationToken);
            Messages.Add(new MailboxEntry(file.Name, message.Date, message.To.ToString(), message.Subject ?? "(no subject)"));
        }
    }
}

public sealed record MailboxEntry(string FileName, DateTimeOffset Date, string To, string Subject);

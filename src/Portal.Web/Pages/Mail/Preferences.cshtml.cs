using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Consent;
using Portal.Core.Data;

namespace Portal.Web.Pages.Mail;

/// <summary>
/// A donor's mail preferences by category, reached from any bulk message's link (no sign-in: the signed link is the
/// key) or from the account page. Receipts and account mail are not listed: they are always sent.
/// </summary>
public sealed class PreferencesModel(PortalDbContext db, UnsubscribeLinks links, MailConsent consent) : PageModel
{
    /// <summary>Each topic's words in the reader's language: the words a record keeps when the donor saves.</summary>
    public IReadOnlyList<(MailTopics Topic, string Label, string Hint)> Topics =>
        [.. ConsentWordings.Topics.Select(t => ConsentWordings.Preferences(t, Language) is var (_, label, hint) ? (t, label, hint) : default)];

    private static string Language => CultureInfo.CurrentUICulture.Name;

    [BindProperty]
    public List<MailTopics> Wanted { get; set; } = [];

    public MailTopics Current { get; private set; }

    public bool Suppressed { get; private set; }

    /// <summary>The latest change of each topic: what the donor agreed to (or withdrew), when and where.</summary>
    public IReadOnlyDictionary<MailTopics, ConsentRecord> Latest { get; private set; } = new Dictionary<MailTopics, ConsentRecord>();

    public string? StatusMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) is null ? Invalid() : Page();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var read = links.Read(token);
        if (read is null || !await consent.SetWantedAsync(
            read.DonorId,
            Wanted.Aggregate(MailTopics.None, (all, t) => all | t),
            Source(),
            Language,
            cancellationToken))
        {
            return Invalid();
        }

        await LoadAsync(token, cancellationToken);
        StatusMessage = "Your choices were saved.";
        return Page();
    }

    /// <summary>Where the change came from: the account's own link, or a link in a message.</summary>
    private string Source() => Request.Query["via"] == "account"
        ? "account mail preferences /account/mail-preferences"
        : "mail preferences link /mail-preferences";

    private BadRequestObjectResult Invalid()
        => BadRequest("This link is not valid. Use the link in your most recent e-mail, or sign in to change your mail preferences.");

    private async Task<UnsubscribeToken?> LoadAsync(string token, CancellationToken cancellationToken)
    {
        var read = links.Read(token);
        var donor = read is null ? null : await db.Donors.AsNoTracking().SingleOrDefaultAsync(d => d.Id == read.DonorId, cancellationToken);
        if (donor is null)
        {
            return null;
        }

        Current = MailConsent.Wanted(donor);
        Latest = (await consent.HistoryAsync(donor.Id, cancellationToken)).GroupBy(r => r.Topic).ToDictionary(g => g.Key, g => g.Last());
        Suppressed = await db.EmailSuppressions.AnyAsync(s => s.NormalizedEmail == donor.NormalizedEmail, cancellationToken);
        return read;
    }
}

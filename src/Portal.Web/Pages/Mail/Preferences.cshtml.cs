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
    public static readonly IReadOnlyList<(MailTopics Topic, string Label, string Hint)> Topics =
    [
        (MailTopics.ImpactUpdates, "Impact updates", "Stories from the villages and programs you support."),
        (MailTopics.TransparencyReports, "Transparency reports", "Each quarter and year: what your fund received and how it was spent."),
        (MailTopics.Appeals, "Appeals", "Occasional requests for help in an emergency."),
    ];

    [BindProperty]
    public List<MailTopics> Wanted { get; set; } = [];

    public MailTopics Current { get; private set; }

    public bool Suppressed { get; private set; }

    public string? StatusMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, cancellationToken) is null ? Invalid() : Page();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var read = links.Read(token);
        if (read is null || !await consent.SetWantedAsync(
            read.DonorId,
            Wanted.Aggregate(MailTopics.None, (all, t) => all | t),
            "preferences page",
            cancellationToken))
        {
            return Invalid();
        }

        await LoadAsync(token, cancellationToken);
        StatusMessage = "Your choices were saved.";
        return Page();
    }

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
        Suppressed = await db.EmailSuppressions.AnyAsync(s => s.NormalizedEmail == donor.NormalizedEmail, cancellationToken);
        return read;
    }
}

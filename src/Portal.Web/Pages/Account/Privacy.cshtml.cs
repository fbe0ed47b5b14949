using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Privacy;
using Portal.Core.Sponsorships;
using Portal.Web.Hosting;

namespace Portal.Web.Pages.Account;

/// <summary>/account/privacy: download everything held about me (JSON, CSV), and ask for my personal data to be erased.</summary>
public sealed class PrivacyModel(PortalDbContext db, DonorErasure erasure) : DonorPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The running sponsorships that an erasure cancels first.</summary>
    public int RunningSponsorships { get; private set; }

    /// <summary>Set once the erasure is done: the page says so, signed out.</summary>
    public bool Erased { get; private set; }

    public string? Pending { get; private set; }

    public sealed class InputModel
    {
        [Range(typeof(bool), "true", "true", ErrorMessage = "Tick the box to confirm that you want your personal data erased.")]
        public bool Confirm { get; set; }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public IActionResult OnGetJson() => new DonorDataFileResult(DonorId, json: true);

    public IActionResult OnGetCsv() => new DonorDataFileResult(DonorId, json: false);

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var request = await erasure.RequestAsync(DonorId, ErasureRequester.Donor(DonorId), cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        if (await erasure.RunAsync(request.Id, cancellationToken) is ErasureResult.Pending)
        {
            // Recorded: the daily job finishes it once the payment provider answers again.
            Pending = "Your request is recorded. The payment provider did not answer just now; we finish the erasure within a day.";
        }

        await HttpContext.SignOutAsync(PortalPolicies.DonorScheme);
        Erased = true;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var donorId = DonorId;
        RunningSponsorships = await db.Sponsorships.CountAsync(
            s => s.DonorId == donorId && s.Interval != SponsorshipInterval.Once
                && (s.Status == SponsorshipStatus.Active || s.Status == SponsorshipStatus.Paused || s.Status == SponsorshipStatus.PastDue),
            cancellationToken);
    }
}

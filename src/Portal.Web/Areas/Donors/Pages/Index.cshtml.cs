using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Donors;

namespace Portal.Web.Areas.Donors.Pages;

/// <summary>/donors: donor care's one search box (name, e-mail, postal code, receipt number, payment reference, customer id).</summary>
public sealed class IndexModel(DonorSearch search) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<DonorHit> Hits { get; private set; } = [];

    public bool Searched => !string.IsNullOrWhiteSpace(Q);

    public bool TooLong => Q is { Length: > DonorSearch.MaxQueryLength };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Searched && !TooLong)
        {
            Hits = await search.FindAsync(Q, cancellationToken);
            if (Hits.Count == 1 && Hits[0].Match is not DonorMatch.Name)
            {
                // An exact key (an address, a reference, a receipt) names one donor: go straight to them.
                return RedirectToPage("Donor", new { id = Hits[0].Id });
            }
        }

        return Page();
    }
}

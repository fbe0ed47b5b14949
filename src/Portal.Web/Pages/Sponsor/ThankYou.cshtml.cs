using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Sponsorships;

namespace Portal.Web.Pages.Sponsor;

/// <summary>
/// Where the checkout returns the donor. It tells the truth: pending until the gateway's event confirms the payment,
/// processing for a SEPA debit, confirmed only once the charge has succeeded.
/// </summary>
public sealed class ThankYouModel(PortalDbContext db) : PageModel
{
    public Charge Charge { get; private set; } = null!;

    public Sponsorship Sponsorship { get; private set; } = null!;

    public string FundName { get; private set; } = "";

    public string FundSlug { get; private set; } = "";

    public string FirstName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "session_id")] string? sessionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return NotFound();
        }

        var found = await (from charge in db.Charges.AsNoTracking()
                           where charge.CheckoutSessionId == sessionId
                           join sponsorship in db.Sponsorships on charge.SponsorshipId equals sponsorship.Id
                           join fund in db.Funds on sponsorship.FundId equals fund.Id
                           join donor in db.Donors on sponsorship.DonorId equals donor.Id
                           select new { charge, sponsorship, fund.Name, fund.Slug, DonorName = donor.Name }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        (Charge, Sponsorship, FundName, FundSlug) = (found.charge, found.sponsorship, found.Name, found.Slug);
        FirstName = found.DonorName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        // The session id in the link is the only key here; do not let it be cached or leak through the referrer.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return Page();
    }
}

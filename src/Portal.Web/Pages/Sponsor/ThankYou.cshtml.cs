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

    /// <summary>How many times the page has looked again by itself; each look waits longer for a SEPA debit.</summary>
    public int Look { get; private set; }

    public string CheckAgainUrl { get; private set; } = "";

    /// <summary>
    /// Until the outcome is known the page looks again by itself: every 3 seconds while the provider confirms a card
    /// payment, and for a SEPA debit (days at a real bank, a minute in the sandbox) after 5, 10, 20, 40, then every 60 seconds.
    /// Null once the outcome is known.
    /// </summary>
    public int? RefreshSeconds => Charge.Status switch
    {
        ChargeStatus.InFlight or ChargeStatus.Scheduled or ChargeStatus.ActionRequired => 3,
        ChargeStatus.Processing => Math.Min(60, 5 << Math.Min(Look, 4)),
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(
        [FromQuery(Name = "session_id")] string? sessionId,
        [FromQuery(Name = "look")] int? look,
        CancellationToken cancellationToken)
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
        Look = Math.Clamp(look ?? 0, 0, 1000);
        CheckAgainUrl = $"/sponsor/thank-you?session_id={Uri.EscapeDataString(sessionId)}&look={Look + 1}";
        FirstName = found.DonorName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        // The session id in the link is the only key here; do not let it be cached or leak through the referrer.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return Page();
    }
}

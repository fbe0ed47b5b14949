using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Payments;
using Portal.Core.Payments.Events;
using Portal.Core.Sponsorships;

namespace Portal.Web.Pages.Account;

/// <summary>
/// /account/payment-method: the card(s) the donor's recurring sponsorships are charged to, and one button that saves a
/// new one for all of them on the gateway's hosted page. On return it says "pending" until the gateway's event has
/// been applied, then "updated".
/// </summary>
public sealed class PaymentMethodModel(PortalDbContext db, PaymentGateways gateways, PublicUrls urls, CharityCalendar calendar) : DonorPageModel
{
    private static readonly SponsorshipStatus[] Charged = [SponsorshipStatus.Active, SponsorshipStatus.Paused, SponsorshipStatus.PastDue];

    public List<MethodRow> Methods { get; private set; } = [];

    public UpdateState? Update { get; private set; }

    public DateOnly Today => calendar.Today;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "session_id")] string? sessionId, CancellationToken cancellationToken)
    {
        Methods = await MethodsAsync(cancellationToken);
        Update = string.IsNullOrEmpty(sessionId) || sessionId.Length > 100 ? null : await UpdateStateAsync(sessionId, cancellationToken);
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var donorId = DonorId;
        var gateway = gateways.Active;
        var sponsorships = await ChargedAsync(gateway.Name).ToListAsync(cancellationToken);
        var customerId = await db.DonorGatewayCustomers.Where(c => c.DonorId == donorId && c.Gateway == gateway.Name)
            .Select(c => c.CustomerId).FirstOrDefaultAsync(cancellationToken);
        if (sponsorships.Count == 0 || customerId is null)
        {
            StatusMessage = "You have no monthly, quarterly or yearly sponsorship whose card could be updated.";
            return RedirectToPage();
        }

        var donor = await db.Donors.AsNoTracking().SingleAsync(d => d.Id == donorId, cancellationToken);
        var currencies = sponsorships.Select(s => s.Currency).Distinct().ToList();
        var request = new SetupCheckoutRequest(donorId, customerId, donor.Email, currencies.Count == 1 ? currencies[0] : null, donor.Language,
            IdempotencyKey(donorId, sponsorships), urls.To($"account/payment-method?session_id={CheckoutRequest.SessionIdPlaceholder}"), urls.To(
                "account/payment-method"));
        switch (await gateway.CreateSetupCheckoutAsync(request, cancellationToken))
        {
            case CheckoutCreation.Created created:
                return Redirect(created.RedirectUrl.ToString());
            case CheckoutCreation.Unavailable unavailable:
                // Kept over the redirect as its words, which the page translates; these messages carry no values.
                StatusMessage = unavailable.Reason.Text;
                return RedirectToPage();
            default:
                return NotFound();
        }
    }

    /// <summary>
    /// One key per donor, per set of methods now in use, per day: a double click opens the same page; once the new
    /// method is applied (or the next day) the key changes, so a second update is a new page.
    /// </summary>
    private string IdempotencyKey(Guid donorId, List<Sponsorship> sponsorships)
    {
        var methods = string.Join(",", sponsorships.Select(s => s.GatewayPaymentMethodId ?? "").Distinct().Order(StringComparer.Ordinal));
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(methods)))[..16];
        return $"setup-{donorId}-{fingerprint}-{calendar.Today:yyyyMMdd}";
    }

    private IQueryable<Sponsorship> ChargedAsync(string? gateway)
    {
        var donorId = DonorId;
        return db.Sponsorships.AsNoTracking()
            .Where(s => s.DonorId == donorId && s.Interval != SponsorshipInterval.Once && Charged.Contains(s.Status)
                && (gateway == null || s.Gateway == gateway));
    }

    private async Task<List<MethodRow>> MethodsAsync(CancellationToken cancellationToken)
    {
        var rows = await (from s in ChargedAsync(null)
                          join fund in db.Funds on s.FundId equals fund.Id
                          select new
                          {
                              s.GatewayPaymentMethodId,
                              s.CardBrand,
                              s.CardLast4,
                              s.CardExpiresOn,
                              s.Status,
                              fund
                              .Name
                          }).ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.GatewayPaymentMethodId).Select(g =>
        {
            var first = g.First();
            return new MethodRow(
                first.CardBrand,
                first.CardLast4,
                first.CardExpiresOn,
                [.. g.Select(r => r.Name).Distinct().Order(StringComparer.CurrentCulture)],
                g.Any(r => r.Status == SponsorshipStatus.PastDue));
        })];
    }

    private async Task<UpdateState> UpdateStateAsync(string sessionId, CancellationToken cancellationToken)
    {
        var marker = ApplySetupEvent.Marker(DonorId);
        var statuses = await db.GatewayEvents.AsNoTracking()
            .Where(e => e.Type == GatewayEventTypes.CheckoutSessionCompleted && e.Payload.Contains(sessionId))
            .Select(e => new { e.Status, e.Note }).ToListAsync(cancellationToken);
        return statuses.Any(e => e.Status == GatewayEventStatus.Applied && e.Note == marker) ? UpdateState.Updated
            : statuses.Any(e => e.Status is GatewayEventStatus.Ignored or GatewayEventStatus.Unmatched or GatewayEventStatus.Failed)
                ? UpdateState.NotApplied
                : UpdateState.Pending;
    }
}

public sealed record MethodRow(string? Brand, string? Last4, DateOnly? ExpiresOn, IReadOnlyList<string> Funds, bool PastDue);

public enum UpdateState
{
    Pending = 1,
    Updated = 2,
    NotApplied = 3,
}

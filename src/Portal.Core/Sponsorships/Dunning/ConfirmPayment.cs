using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Languages;
using Portal.Core.Payments;
using Portal.Core.Shared;

namespace Portal.Core.Sponsorships.Dunning;

/// <summary>
/// The donor, back on-session from the "please confirm" e-mail, pays the period that needed their bank's confirmation
/// on the gateway's hosted page. The charge stays the same (the same period, the same receipt); only the way it is paid
/// changes, so a confirmed period can never be charged twice.
/// </summary>
public sealed class ConfirmPayment(PortalDbContext db, PaymentLinks links, PaymentGateways gateways, PublicUrls urls)
{
    public async Task<ConfirmView?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (links.Read(token) is not { } named)
        {
            return null;
        }

        var found = await (from charge in db.Charges.AsNoTracking()
                           where charge.Id == named.ChargeId
                           join sponsorship in db.Sponsorships on charge.SponsorshipId equals sponsorship.Id
                           join donor in db.Donors on sponsorship.DonorId equals donor.Id
                           select new { charge, sponsorship.FundId, DonorName = donor.Name }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var fundName = await db.Funds.Where(f => f.Id == (found.charge.FundId ?? found.FundId)).Select(f => f.Name).SingleAsync(cancellationToken);
        var state = found.charge.Status switch
        {
            ChargeStatus.Succeeded => ConfirmState.AlreadyPaid,
            ChargeStatus.ActionRequired when found.charge.Attempt == named.Attempt => ConfirmState.ToConfirm,
            _ => ConfirmState.NoLongerNeeded,
        };
        return new ConfirmView(state, found.DonorName, fundName, found.charge.Amount, found.charge.PeriodStart);
    }

    /// <summary>The hosted page to pay on, or why not.</summary>
    public async Task<ConfirmStart> StartAsync(string? token, CancellationToken cancellationToken)
    {
        if (links.Read(token) is not { } named)
        {
            return new ConfirmStart.Refused(new DonorMessage("This link is not valid any more. Sign in to your account to see your gifts."));
        }

        var charge = await db.Charges.SingleOrDefaultAsync(c => c.Id == named.ChargeId, cancellationToken);
        if (charge is not { Status: ChargeStatus.ActionRequired } || charge.Attempt != named.Attempt)
        {
            return new ConfirmStart.Refused(new DonorMessage("This payment does not need your confirmation any more."));
        }

        var sponsorship = await db.Sponsorships.SingleAsync(s => s.Id == charge.SponsorshipId, cancellationToken);
        var donor = await db.Donors.SingleAsync(d => d.Id == sponsorship.DonorId, cancellationToken);
        var fund = await db.Funds.SingleAsync(f => f.Id == (charge.FundId ?? sponsorship.FundId), cancellationToken);
        var gateway = gateways.Named(charge.Gateway) ?? throw new InvalidOperationException($"Gateway '{charge.Gateway}' is not configured.");
        var creation = await gateway.CreateCheckoutAsync(
            new CheckoutRequest(
                charge.Id, sponsorship.Id, donor.Id, fund.Id, charge.Amount, StartSponsorship.Describe(sponsorship.Interval, fund), donor.Email,
                charge.GatewayCustomerId ?? sponsorship.GatewayCustomerId, SaveForLater: true, donor.Language,
                urls.To($"sponsor/thank-you?session_id={CheckoutRequest.SessionIdPlaceholder}"), urls.To($"pay/{token}"), charge.Attempt),
            cancellationToken);
        if (creation is not CheckoutCreation.Created created)
        {
            return new ConfirmStart.Refused(((CheckoutCreation.Unavailable)creation).Reason);
        }

        // The hosted page's events move the charge from here, as they do for a first gift; until then it still
        // waits for the donor, and opening the link again returns to the same page.
        charge.CheckoutSessionId = created.SessionId;
        await db.SaveChangesAsync(cancellationToken);
        return new ConfirmStart.Redirect(created.RedirectUrl);
    }
}

public enum ConfirmState
{
    ToConfirm = 1,
    AlreadyPaid = 2,
    NoLongerNeeded = 3,
}

public sealed record ConfirmView(ConfirmState State, string DonorName, string FundName, Money Amount, DateOnly Period);

public abstract record ConfirmStart
{
    private ConfirmStart()
    {
    }

    public sealed record Redirect(Uri Url) : ConfirmStart;

    public sealed record Refused(DonorMessage Reason) : ConfirmStart;
}

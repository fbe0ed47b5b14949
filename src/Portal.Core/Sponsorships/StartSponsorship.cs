using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Communications.Consent;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Payments;

namespace Portal.Core.Sponsorships;

/// <summary>
/// The sponsor form's action: check everything, turn away card testers, create the hosted checkout, and only then
/// store the donor, the pending sponsorship and its first charge, in one save. Bad input stores nothing.
/// </summary>
public sealed class StartSponsorship(
    PortalDbContext db,
    SponsorshipRules rules,
    PaymentGateways gateways,
    CharityCalendar calendar,
    PublicUrls urls,
    IOptions<CheckoutLimits> limits,
    CardTesting.DeclineVelocity declines,
    PortalTelemetry telemetry)
{
    public async Task<StartResult> StartAsync(SponsorshipRequest request, CancellationToken cancellationToken)
    {
        var fund = await db.Funds.Public().SingleOrDefaultAsync(f => f.Slug == request.FundSlug, cancellationToken);
        if (fund is null)
        {
            return new StartResult.FundNotFound();
        }

        var (form, errors) = rules.Check(request, fund);
        if (form is null)
        {
            return new StartResult.Invalid(errors);
        }

        var reference = request.CheckoutReference is { Length: > 0 and <= 64 } given ? given : null;
        if (await declines.RefusalAsync(fund.Id, reference, cancellationToken) is { } refusal)
        {
            return new StartResult.TooManyDeclines(refusal);
        }

        var normalizedEmail = Donor.Normalize(form.Email);
        var since = calendar.UtcNow - TimeSpan.FromHours(1);
        var recentCheckouts = await db.Sponsorships
            .Where(s => s.CreatedAt >= since)
            .Join(db.Donors.Where(d => d.NormalizedEmail == normalizedEmail), s => s.DonorId, d => d.Id, (s, d) => s.Id)
            .CountAsync(cancellationToken);
        if (recentCheckouts >= limits.Value.PerEmailPerHour)
        {
            return new StartResult.TooManyAttempts();
        }

        var donor = await db.Donors.SingleOrDefaultAsync(d => d.NormalizedEmail == normalizedEmail, cancellationToken);
        try
        {
            return await CreateAsync(fund, form, donor, reference, cancellationToken);
        }
        catch (DbUpdateException) when (donor is null)
        {
            // The same new donor sent the form twice at once and the other request saved them first: start again
            // with the saved donor. The first checkout is left unpaid and expires.
            db.ChangeTracker.Clear();
            var saved = await db.Donors.SingleAsync(d => d.NormalizedEmail == normalizedEmail, cancellationToken);
            return await CreateAsync(fund, form, saved, reference, cancellationToken);
        }
    }

    private async Task<StartResult> CreateAsync(
        Fund fund, SponsorshipForm form, Donor? existingDonor, string? reference, CancellationToken cancellationToken)
    {
        var gateway = gateways.Active;
        var now = calendar.UtcNow;
        // A donor who already exists is not changed by an unauthenticated form: anyone can type any address.
        var donor = existingDonor ?? new Donor
        {
            Email = form.Email,
            NormalizedEmail = Donor.Normalize(form.Email),
            Name = form.Name,
            CountryCode = form.Country,
            Language = form.Language,
            CreatedAt = now,
        };
        var customerId = existingDonor is null
            ? null
            : await db.DonorGatewayCustomers.Where(c => c.DonorId == donor.Id && c.Gateway == gateway.Name).Select(c => c.CustomerId)
                .FirstOrDefaultAsync(cancellationToken);
        var today = calendar.Today;
        var sponsorship = new Sponsorship
        {
            DonorId = donor.Id,
            FundId = fund.Id,
            AmountMinor = form.Amount.Minor,
            Currency = form.Amount.Currency.Code,
            FeeCoverMinor = form.FeeCover.Minor,
            Interval = form.Interval,
            ChargeDay = today.Day,
            DedicationKind = form.Dedication,
            DedicationName = form.DedicationName,
            ConsentTopics = form.ConsentTopics,
            ConsentWordingSet = form.ConsentTopics == MailTopics.None ? null : ConsentWordings.SponsorFormSet,
            CheckoutReference = reference,
            Gateway = gateway.Name,
            CreatedAt = now,
        };
        var charge = new Charge
        {
            SponsorshipId = sponsorship.Id,
            PeriodStart = today,
            AmountMinor = form.Total.Minor,
            Currency = form.Total.Currency.Code,
            Status = ChargeStatus.InFlight,
            Gateway = gateway.Name,
            FundId = fund.Id,
            CreatedAt = now,
            AttemptedAt = now,
        };

        var checkout = await gateway.CreateCheckoutAsync(
            new CheckoutRequest(
                charge.Id, sponsorship.Id, donor.Id, fund.Id, form.Total, Describe(form.Interval, fund), form.Email, customerId,
                SaveForLater: form.Interval != SponsorshipInterval.Once,
                form.Language,
                urls.To($"sponsor/thank-you?session_id={CheckoutRequest.SessionIdPlaceholder}"),
                urls.To($"sponsor/cancelled?sponsorship={sponsorship.Id}")),
            cancellationToken);
        if (checkout is CheckoutCreation.Unavailable unavailable)
        {
            return new StartResult.GatewayUnavailable(unavailable.Reason);
        }

        var created = (CheckoutCreation.Created)checkout;
        charge.CheckoutSessionId = created.SessionId;
        if (existingDonor is null)
        {
            db.Donors.Add(donor);
        }

        db.Sponsorships.Add(sponsorship);
        db.Charges.Add(charge);
        await db.SaveChangesAsync(cancellationToken);
        telemetry.CheckoutStarted(gateway.Name);
        return new StartResult.RedirectToCheckout(created.RedirectUrl, sponsorship.Id);
    }

    public static string Describe(SponsorshipInterval interval, Fund fund) => interval switch
    {
        SponsorshipInterval.Monthly => $"Monthly sponsorship: {fund.Name}",
        SponsorshipInterval.Quarterly => $"Quarterly sponsorship: {fund.Name}",
        SponsorshipInterval.Yearly => $"Yearly sponsorship: {fund.Name}",
        _ => $"Gift: {fund.Name}",
    };
}

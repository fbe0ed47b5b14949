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
/// store the donor, the pending sponsorship and its first charge, in one save (shared with the gifts started at the
/// same moment, <see cref="CheckoutSaves"/>). Bad input stores nothing.
/// </summary>
public sealed class StartSponsorship(
    PortalDbContext db,
    SponsorshipRules rules,
    PaymentGateways gateways,
    CharityCalendar calendar,
    PublicUrls urls,
    IOptions<CheckoutLimits> limits,
    CardTesting.DeclineVelocity declines,
    CheckoutSaves saves,
    PortalTelemetry telemetry)
{
    public async Task<StartResult> StartAsync(SponsorshipRequest request, CancellationToken cancellationToken)
    {
        var fund = await db.Funds.Public().SingleOrDefaultAsync(f => f.Slug == request.FundSlug, cancellationToken);
        return fund is null ? new StartResult.FundNotFound() : await StartAsync(request, fund, cancellationToken);
    }

    /// <summary>Starts the gift to <paramref name="fund"/>, a public fund the caller has just read (the sponsor page has).</summary>
    public async Task<StartResult> StartAsync(SponsorshipRequest request, Fund fund, CancellationToken cancellationToken)
    {
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
        var gateway = gateways.Active;
        var onFile = await OnFileAsync(normalizedEmail, gateway.Name, cancellationToken);
        if (onFile is not null && onFile.RecentCheckouts >= limits.Value.PerEmailPerHour)
        {
            return new StartResult.TooManyAttempts();
        }

        try
        {
            return await CreateAsync(fund, form, onFile, reference, cancellationToken);
        }
        catch (DbUpdateException) when (onFile is null)
        {
            // The same new donor sent the form twice at once and the other request saved them first: start again
            // with the saved donor. The first checkout is left unpaid and expires.
            db.ChangeTracker.Clear();
            var saved = await OnFileAsync(normalizedEmail, gateway.Name, cancellationToken)
                ?? throw new InvalidOperationException("A donor saved at the same time is not found.");
            return await CreateAsync(fund, form, saved, reference, cancellationToken);
        }
    }

    /// <summary>A donor already on file with the address: with their checkouts of the last hour and their customer at the gateway.</summary>
    private sealed record DonorOnFile(Donor Donor, int RecentCheckouts, string? CustomerId);

    /// <summary>The donor with this address, if any, read with what the start needs of them in one round trip.</summary>
    private async Task<DonorOnFile?> OnFileAsync(string normalizedEmail, string gateway, CancellationToken cancellationToken)
    {
        var since = calendar.UtcNow - TimeSpan.FromHours(1);
        return await db.Donors.Where(d => d.NormalizedEmail == normalizedEmail)
            .Select(d => new DonorOnFile(
                d,
                db.Sponsorships.Count(s => s.DonorId == d.Id && s.CreatedAt >= since),
                db.DonorGatewayCustomers.Where(c => c.DonorId == d.Id && c.Gateway == gateway).Select(c => c.CustomerId).FirstOrDefault()))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private async Task<StartResult> CreateAsync(
        Fund fund, SponsorshipForm form, DonorOnFile? onFile, string? reference, CancellationToken cancellationToken)
    {
        var gateway = gateways.Active;
        var now = calendar.UtcNow;
        // A donor who already exists is not changed by an unauthenticated form: anyone can type any address.
        var existingDonor = onFile?.Donor;
        var donor = existingDonor ?? new Donor
        {
            Email = form.Email,
            NormalizedEmail = Donor.Normalize(form.Email),
            Name = form.Name,
            CountryCode = form.Country,
            Language = form.Language,
            CreatedAt = now,
        };
        var customerId = onFile?.CustomerId;
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
        // Saved with the gifts started at the same moment, in one commit (decision 046).
        await saves.SaveAsync(new StartedGift(existingDonor is null ? donor : null, sponsorship, charge), cancellationToken);
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

using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Consent;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Payments;
using Portal.Core.Payments.Events;
using Portal.Core.Sponsorships.Dunning;

namespace Portal.Core.Sponsorships;

/// <summary>
/// Moves a charge to what a gateway event says, only forwards: whatever the order and number of deliveries, a charge
/// succeeds once, posts to the ledger once and queues one receipt. The caller saves the unit of work.
/// </summary>
public sealed partial class ChargeOutcomes(
    PortalDbContext db, Journal journal, CharityCalendar calendar, CurrencyRules currencies, DunningPolicy dunning)
{
    // What LoadAsync read for a transaction of several events, by id; tracked by this unit of work.
    private readonly Dictionary<Guid, Charge> charges = [];
    private readonly Dictionary<Guid, Sponsorship> sponsorships = [];
    private readonly Dictionary<Guid, Fund> funds = [];
    private readonly Dictionary<Guid, Donor> donors = [];

    /// <summary>
    /// Reads, in five queries, what applying events about these charges reads one by one: the charges, their
    /// sponsorships, funds and donors, and the funds' accounts. For a transaction of several events (decision 050): each
    /// event then finds them in this unit of work, not by a round trip of its own while it holds the writer.
    /// </summary>
    public async Task LoadAsync(IReadOnlyCollection<Guid> chargeIds, CancellationToken cancellationToken)
    {
        await ReadIntoAsync(charges, db.Charges.Where(c => chargeIds.Contains(c.Id)), c => c.Id, cancellationToken);
        var sponsorshipIds = charges.Values.Select(c => c.SponsorshipId).Distinct().ToList();
        await ReadIntoAsync(sponsorships, db.Sponsorships.Where(s => sponsorshipIds.Contains(s.Id)), s => s.Id, cancellationToken);
        var fundIds = charges.Values.Select(c => c.FundId).OfType<Guid>().Concat(sponsorships.Values.Select(s => s.FundId)).Distinct().ToList();
        await ReadIntoAsync(funds, db.Funds.Where(f => fundIds.Contains(f.Id)), f => f.Id, cancellationToken);
        var donorIds = sponsorships.Values.Select(s => s.DonorId).Distinct().ToList();
        await ReadIntoAsync(donors, db.Donors.Where(d => donorIds.Contains(d.Id)), d => d.Id, cancellationToken);
        await journal.LoadAccountsAsync(fundIds, cancellationToken);
    }

    /// <summary>One query of <see cref="LoadAsync"/>: its rows, tracked, put in their dictionary by id.</summary>
    private static async Task ReadIntoAsync<T>(Dictionary<Guid, T> loaded, IQueryable<T> query, Func<T, Guid> id, CancellationToken cancellationToken)
    {
        foreach (var entity in await query.ToListAsync(cancellationToken))
        {
            loaded[id(entity)] = entity;
        }
    }

    /// <param name="gateway">The gateway that sent the event: a charge is only moved by its own gateway's events.</param>
    /// <param name="lookup">What the gateway knows of a payment that succeeded (fee, saved method), read beforehand.</param>
    public async Task<OutcomeResult> ApplyAsync(PaymentEvent paymentEvent, string gateway, PaymentLookup? lookup, CancellationToken cancellationToken)
    {
        var chargeId = paymentEvent.ChargeId;
        var charge = Loaded(charges, chargeId) ?? await db.Charges.SingleOrDefaultAsync(c => c.Id == chargeId, cancellationToken);
        if (charge is null || charge.Gateway != gateway)
        {
            return OutcomeResult.Unmatched($"No charge {paymentEvent.ChargeId} at gateway {gateway}.");
        }

        if (paymentEvent.CheckoutSessionId is not null && charge.CheckoutSessionId is not null
            && paymentEvent.CheckoutSessionId != charge.CheckoutSessionId)
        {
            return OutcomeResult.Unmatched(
                $"Charge {charge.Id} belongs to checkout {charge.CheckoutSessionId}, not {paymentEvent.CheckoutSessionId}.");
        }

        if (paymentEvent.Attempt is { } attempt && attempt != charge.Attempt)
        {
            // A late word about an earlier try of this period: the current attempt has its own events.
            return new OutcomeResult(true, $"About attempt {attempt} of charge {charge.Id}, which is on attempt {charge.Attempt}.");
        }

        var sponsorshipId = charge.SponsorshipId;
        var sponsorship = Loaded(sponsorships, sponsorshipId) ?? await db.Sponsorships.SingleAsync(s => s.Id == sponsorshipId, cancellationToken);
        charge.PaymentIntentId ??= paymentEvent.PaymentIntentId;
        switch (paymentEvent.Kind)
        {
            case PaymentEventKind.Succeeded:
                return await SucceedAsync(charge, sponsorship, paymentEvent, lookup, cancellationToken);
            case PaymentEventKind.Processing when charge.Status is ChargeStatus.Scheduled or ChargeStatus.InFlight:
                charge.Status = ChargeStatus.Processing;
                if (charge.RunId is not null)
                {
                    dunning.Record(charge, ChargeAttemptOutcome.Processing);
                }

                break;
            case PaymentEventKind.Failed:
                await FailAsync(charge, sponsorship, paymentEvent, lookup, cancellationToken);
                break;
            case PaymentEventKind.AttemptFailed:
                // On an open checkout page a declined card is one try: the donor may use another. Elsewhere it is final.
                var checkoutStillOpen = charge.CheckoutSessionId is not null && charge.Status is ChargeStatus.InFlight or ChargeStatus.ActionRequired;
                if (checkoutStillOpen)
                {
                    RecordDecline(charge, paymentEvent);
                }
                else
                {
                    await FailAsync(charge, sponsorship, paymentEvent, lookup, cancellationToken);
                }

                break;
        }

        return OutcomeResult.Applied;
    }

    /// <summary>
    /// Records a period payment the charge run made and the gateway accepted: the ledger entry now, the receipt once
    /// the entry is saved (the caller issues it from the returned <see cref="PaidCharge"/>).
    /// </summary>
    public async Task<PaidCharge> RecordPaidAsync(
        Charge charge,
        Sponsorship sponsorship,
        Fund fund,
        Donor donor,
        string paymentIntentId,
        PaymentLookup? lookup,
        CancellationToken cancellationToken)
    {
        charge.PaymentIntentId = paymentIntentId;
        return await PayAsync(charge, sponsorship, fund, donor, lookup, lookup?.CustomerId, cancellationToken);
    }

    private async Task<OutcomeResult> SucceedAsync(
        Charge charge,
        Sponsorship sponsorship,
        PaymentEvent paymentEvent,
        PaymentLookup? lookup,
        CancellationToken cancellationToken)
    {
        if (charge.Status.CountsAsPaid())
        {
            return OutcomeResult.Applied;
        }

        if (paymentEvent.PaymentIntentId is { } paidIntent)
        {
            // A period confirmed by the donor on a checkout page is paid by a new payment, not the one that asked.
            charge.PaymentIntentId = paidIntent;
        }

        var (fund, donor) = await PartiesAsync(charge, sponsorship, cancellationToken);
        return OutcomeResult.Paid(
            await PayAsync(charge, sponsorship, fund, donor, lookup, lookup?.CustomerId ?? paymentEvent.CustomerId, cancellationToken));
    }

    private async Task<PaidCharge> PayAsync(
        Charge charge,
        Sponsorship sponsorship,
        Fund fund,
        Donor donor,
        PaymentLookup? lookup,
        string? customerId,
        CancellationToken cancellationToken)
    {
        // The gateway's lookup adds what the event or answer may lack: the fee, the saved method.
        var now = calendar.UtcNow;
        var fee = lookup?.Fee is { } known && known.Currency == charge.Amount.Currency ? known : currencies.EstimatedFee(charge.Amount);
        charge.Status = ChargeStatus.Succeeded;
        charge.SucceededAt = now;
        charge.FeeMinor = fee.Minor;
        charge.FeeIsEstimate = lookup?.Fee is null || lookup.FeeIsEstimate;
        charge.GatewayChargeId ??= lookup?.GatewayChargeId;
        charge.DeclineCode = null;
        charge.FailureMessage = null;
        charge.NextRetryAt = null;
        if (charge.RunId is not null)
        {
            // A first try that succeeds needs no history line: the charge says it. Retries and confirmations get one.
            if (charge.Attempt > 1 || charge.CheckoutSessionId is not null)
            {
                dunning.Record(charge, ChargeAttemptOutcome.Succeeded);
            }

            if (sponsorship.Status == SponsorshipStatus.PastDue)
            {
                // The period that stopped it is paid: it goes on.
                sponsorship.Status = SponsorshipStatus.Active;
                sponsorship.PastDueSince = null;
            }
        }

        var first = sponsorship.StartedAt is null;
        await ActivateAsync(charge, sponsorship, donor, customerId, lookup?.PaymentMethodId, now, cancellationToken, lookup?.Method);
        if (first)
        {
            // Given once, by the first gift: a later period never gives back a topic the donor has withdrawn since.
            var set = sponsorship.ConsentWordingSet ?? ConsentWordings.SponsorFormSet;
            ConsentChanges.Apply(db, donor, sponsorship.ConsentTopics, sponsorship.ConsentTopics, t => ConsentWordings.SponsorForm(set, t, fund.Name),
                $"sponsor form /funds/{fund.Slug}/sponsor", sponsorship.CreatedAt);
        }

        var description = $"Gift from {donor.Name} to {fund.Name}";
        var entry = await journal.PostAsync(ChargePostings.Succeeded(charge, fund, fee, calendar.DateOf(now), description), cancellationToken);
        return new PaidCharge(charge, sponsorship, fund, donor, entry);
    }

    /// <param name="method">The payment's method with its card details, when the gateway gave them.</param>
    private async Task ActivateAsync(
        Charge charge,
        Sponsorship sponsorship,
        Donor donor,
        string? customerId,
        string? paymentMethodId,
        DateTime now,
        CancellationToken cancellationToken,
        SavedPaymentMethod? method = null)
    {
        if (sponsorship.Status is SponsorshipStatus.Pending or SponsorshipStatus.Failed)
        {
            sponsorship.Status = sponsorship.Recurs ? SponsorshipStatus.Active : SponsorshipStatus.Completed;
            sponsorship.StartedAt ??= now;
            sponsorship.EndedAt = sponsorship.Recurs ? null : now;
            if (sponsorship.Recurs)
            {
                // The first gift paid the period it was made in; the run charges from the next one.
                sponsorship.NextPeriodStart ??= ChargeSchedule.Next(charge.PeriodStart, sponsorship.Interval, sponsorship.ChargeDay);
            }
        }

        // A method saved on a hosted page (the first gift, a confirmed period) becomes the one later periods use. An
        // off-session period paid with an older method never puts it back over a card the donor has changed since.
        if (sponsorship.Recurs && paymentMethodId is not null && charge.CheckoutSessionId is not null)
        {
            sponsorship.GatewayPaymentMethodId = paymentMethodId;
            if (method?.Id == paymentMethodId)
            {
                sponsorship.UseMethod(method!);
            }
        }

        sponsorship.GatewayCustomerId ??= customerId;
        if (customerId is not null && charge.CheckoutSessionId is not null)
        {
            // Only a hosted page can have made a new customer; periods charged off-session use the known one.
            await RememberCustomerAsync(donor.Id, sponsorship.Gateway, customerId, now, cancellationToken);
        }
    }

    private async Task RememberCustomerAsync(Guid donorId, string gateway, string customerId, DateTime now, CancellationToken cancellationToken)
    {
        var known = db.DonorGatewayCustomers.Local.Any(c => c.DonorId == donorId && c.Gateway == gateway)
            || await db.DonorGatewayCustomers.AnyAsync(c => c.DonorId == donorId && c.Gateway == gateway, cancellationToken);
        if (!known)
        {
            db.DonorGatewayCustomers.Add(new DonorGatewayCustomer { DonorId = donorId, Gateway = gateway, CustomerId = customerId, CreatedAt = now });
        }
    }

    /// <summary>The fund the charge's gift belongs to (fixed when it was claimed) and the donor who gave it.</summary>
    /// <remarks>
    /// Queries compare with plain locals: EF Core turns a captured member into a parameter by reflection, but compiles any
    /// other expression (<c>??</c>, a method call) into new code on every execution (decision 050).
    /// </remarks>
    private async Task<(Fund Fund, Donor Donor)> PartiesAsync(Charge charge, Sponsorship sponsorship, CancellationToken cancellationToken)
    {
        var fundId = charge.FundId ?? sponsorship.FundId;
        var donorId = sponsorship.DonorId;
        return (Loaded(funds, fundId) ?? await db.Funds.SingleAsync(f => f.Id == fundId, cancellationToken),
            Loaded(donors, donorId) ?? await db.Donors.SingleAsync(d => d.Id == donorId, cancellationToken));
    }

    /// <summary>An entity <see cref="LoadAsync"/> read, unless the unit of work has let it go since (a cleared tracker).</summary>
    private T? Loaded<T>(Dictionary<Guid, T> loaded, Guid id)
        where T : class =>
        loaded.TryGetValue(id, out var entity) && db.Entry(entity).State != EntityState.Detached ? entity : null;
}

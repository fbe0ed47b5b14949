using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Hosting.Limits;
using Portal.Core.Languages;

namespace Portal.Core.Sponsorships.CardTesting;

/// <summary>
/// Counts declined card attempts on hosted checkout pages, per browser, per card and per fund, in the shared counters
/// every node sees, and refuses new checkouts to a browser or fund over its limit until the window ends.
/// </summary>
public sealed partial class DeclineVelocity(
    SharedLimits limits, IDbContextFactory<PortalDbContext> contexts, DeclineSpikeAlert spikes, IOptions<CardTestingOptions> options,
    ILogger<DeclineVelocity> logger)
{
    private const string PerSession = "declines-session";
    private const string PerCard = "declines-card";
    private const string PerFund = "declines-fund";
    private const string Stopped = "checkout-stopped";

    public static readonly DonorMessage SessionRefusal = new DonorMessage(
        "Too many card payments from this browser were declined just now, so we cannot start another for a while. "
        + "Please try again in an hour, or give by bank transfer.");

    public static readonly DonorMessage FundRefusal = new DonorMessage(
        "This fund takes no new card gifts for a short while because many card payments to it were declined. Please try again in an hour.");

    private TimeSpan Window => TimeSpan.FromMinutes(options.Value.WindowMinutes);

    /// <summary>Why a new checkout for <paramref name="fundId"/> from <paramref name="reference"/> may not start; null when it may.</summary>
    public async Task<DonorMessage?> RefusalAsync(Guid fundId, string? reference, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // The fund's count and, for a known browser, its own two: read at once (this is on every donor's way to the checkout).
        List<(string, string)> keys = [(PerFund, fundId.ToString())];
        if (reference is not null)
        {
            keys.AddRange([(PerSession, reference), (Stopped, reference)]);
        }

        var counts = await limits.CountManyAsync(keys, Window, cancellationToken);
        if (reference is not null && (counts[1] >= settings.DeclinesPerSession || counts[2] > 0))
        {
            return SessionRefusal;
        }

        return counts[0] >= settings.DeclinesPerFund ? FundRefusal : null;
    }

    /// <summary>
    /// Counts one declined try on the hosted page of <paramref name="chargeId"/>'s checkout. A card declined too often
    /// stops the browser it was tried from as well, whatever that browser's own count. Called after the event's
    /// transaction has committed, so it never throws: a count that fails is logged and lost (at most once), rather than
    /// failing an event that is already applied and having it applied and counted again.
    /// </summary>
    public async Task RecordAsync(Guid chargeId, string? fingerprint, CancellationToken cancellationToken)
    {
        try
        {
            await CountAsync(chargeId, fingerprint, cancellationToken);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotCounted(error, chargeId);
        }
    }

    private async Task CountAsync(Guid chargeId, string? fingerprint, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var checkout = await (from c in db.Charges
                              join s in db.Sponsorships on c.SponsorshipId equals s.Id
                              where c.Id == chargeId && c.CheckoutSessionId != null
                              select new { FundId = c.FundId ?? s.FundId, s.CheckoutReference }).SingleOrDefaultAsync(cancellationToken);
        if (checkout is null)
        {
            return;
        }

        var settings = options.Value;
        var fund = await limits.TryTakeAsync(PerFund, checkout.FundId.ToString(), settings.DeclinesPerFund, Window, cancellationToken);
        var session = checkout.CheckoutReference is { } reference
            ? await limits.TryTakeAsync(PerSession, reference, settings.DeclinesPerSession, Window, cancellationToken)
            : null;
        var card = fingerprint is { Length: > 0 }
            ? await limits.TryTakeAsync(PerCard, fingerprint, settings.DeclinesPerFingerprint, Window, cancellationToken)
            : null;
        if (card is { Count: var cardCount } && cardCount >= settings.DeclinesPerFingerprint && checkout.CheckoutReference is not null)
        {
            await limits.TryTakeAsync(Stopped, checkout.CheckoutReference, int.MaxValue, Window, cancellationToken);
        }

        LogDecline(chargeId, checkout.FundId, fund.Count, session?.Count, card?.Count);
        await spikes.CountAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 7412, Level = LogLevel.Error, Message = "The declined checkout try for charge {ChargeId} could not be counted")]
    private partial void LogNotCounted(Exception error, Guid chargeId);

    [LoggerMessage(EventId = 7410, Level = LogLevel.Information,
        Message = "Declined checkout try for charge {ChargeId}: fund {FundId} has {FundDeclines}, "
            + "the browser {SessionDeclines}, the card {CardDeclines}")]
    private partial void LogDecline(Guid chargeId, Guid fundId, int fundDeclines, int? sessionDeclines, int? cardDeclines);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Communications;
using Portal.Core.Communications.CardExpiry;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships.Runs;

namespace Portal.Core.Sponsorships;

/// <summary>
/// Reminds donors whose saved card expires before their next charge, within <see cref="ChargeRunOptions.CardExpiryReminderDays"/>
/// days of it, to save a new one. One e-mail per donor and card, ever: the outbox key makes a second run (or two
/// runs at once) queue nothing more. A donor whose mail fails to render is logged and the others still go.
/// </summary>
public sealed class CardExpiryReminders(
    PortalDbContext db,
    EmailOutbox outbox,
    EmailRenderer renderer,
    PublicUrls urls,
    CharityCalendar calendar,
    IOptions<ChargeRunOptions> charges,
    IOptions<PortalOptions> portal,
    ILogger<CardExpiryReminders> logger)
{
    public static string Key(Guid donorId, string paymentMethodId) => $"card-expiring:{donorId}:{paymentMethodId}";

    /// <returns>How many reminders were queued.</returns>
    public async Task<int> QueueAsync(CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        var horizon = today.AddDays(charges.Value.CardExpiryReminderDays);
        var due = await (from s in db.Sponsorships.AsNoTracking()
                         where s.Status == SponsorshipStatus.Active && s.Interval != SponsorshipInterval.Once
                             && s.GatewayPaymentMethodId != null && s.CardExpiresOn != null && s.NextPeriodStart != null
                             && s.CardExpiresOn < s.NextPeriodStart && s.NextPeriodStart <= horizon
                         join fund in db.Funds on s.FundId equals fund.Id
                         select new
                         {
                             s.DonorId,
                             MethodId = s.GatewayPaymentMethodId!,
                             s.CardBrand,
                             s.CardLast4,
                             ExpiresOn = s.CardExpiresOn!.Value,
                             NextCharge = s.NextPeriodStart!.Value,
                             Fund = fund.Name,
                         })
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var card in due.GroupBy(d => (d.DonorId, d.MethodId)))
        {
            var key = Key(card.Key.DonorId, card.Key.MethodId);
            if (await db.OutboundEmails.AnyAsync(m => m.IdempotencyKey == key, cancellationToken))
            {
                continue;
            }

            try
            {
                var first = card.First();
                var donor = await db.Donors.AsNoTracking().SingleAsync(d => d.Id == card.Key.DonorId, cancellationToken);
                var view = new CardExpiryView(portal.Value.CharityName, donor.Name, donor.Language, first.CardBrand, first.CardLast4, first.ExpiresOn,
                    card.Min(c => c.NextCharge), [.. card.Select(c => c.Fund).Distinct().Order(StringComparer.Ordinal)], urls.To(
                        "account/payment-method").ToString());
                var html = await renderer.RenderAsync<CardExpiryEmail>(new Dictionary<string, object?> { ["View"] = view });
                await outbox.QueueAsync(
                    key,
                    EmailCategory.Transactional,
                    donor.Id,
                    donor.Email,
                    donor.Name,
                    new RenderedEmail(view.Subject, html, view.Text()),
                    cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                queued++;
            }
            catch (DbUpdateException)
            {
                // Another run queued this reminder a moment ago (the key is unique): nothing is lost.
                db.ChangeTracker.Clear();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                Runs.ChargeRunLog.CardReminderFailed(logger, error, card.Key.DonorId);
                db.ChangeTracker.Clear();
            }
        }

        return queued;
    }
}

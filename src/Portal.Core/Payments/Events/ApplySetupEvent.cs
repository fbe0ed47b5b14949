using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships;

namespace Portal.Core.Payments.Events;

/// <summary>
/// Applies a completed setup checkout in one transaction: the saved method goes on the donor's recurring
/// sponsorships (see <see cref="UseNewPaymentMethod"/>) and the event is marked. What the gateway knows of the setup
/// (the method's card details) is read before the transaction opens. An older update arriving after a newer one
/// changes nothing, so any order of deliveries ends on the newest card.
/// </summary>
public sealed class ApplySetupEvent(PortalDbContext db, PaymentGateways gateways, UseNewPaymentMethod methods, CharityCalendar calendar)
{
    public async Task<ApplyResult> ApplyAsync(GatewayEvent row, SetupEvent setup, CancellationToken cancellationToken)
    {
        var gateway = gateways.Named(row.Gateway)
            ?? throw new InvalidOperationException($"The event came from gateway '{row.Gateway}', which is not configured.");
        var lookup = await gateway.GetSetupAsync(setup.SetupIntentId, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        row.Attempts++;
        row.ProcessedAt = calendar.UtcNow;
        var marker = Marker(setup.DonorId);
        var superseded = await db.GatewayEvents.AnyAsync(
            e => e.Id != row.Id && e.Gateway == row.Gateway && e.Status == GatewayEventStatus.Applied && e.Note == marker
                && e.OccurredAt > row.OccurredAt,
            cancellationToken);
        (var status, row.Note) = (lookup, superseded) switch
        {
            (_, true) => (GatewayEventStatus.Ignored, "A newer payment method of this donor was applied already."),
            ({ State: SetupState.Succeeded, Method: { } method }, _) =>
                await methods.ApplyAsync(setup.DonorId, row.Gateway, lookup.CustomerId ?? setup.CustomerId, method, cancellationToken) switch
                {
                    NewMethodResult.NoSuchDonor => (GatewayEventStatus.Unmatched, $"No donor {setup.DonorId}."),
                    _ => (GatewayEventStatus.Applied, marker),
                },
            _ => (GatewayEventStatus.Ignored, $"Setup {setup.SetupIntentId} has not succeeded ({lookup.State})."),
        };
        row.Conclude(status);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ApplyResult(row.Status, ReceiptQueued: false);
    }

    /// <summary>The note an applied card update carries: it finds the donor's newest one.</summary>
    public static string Marker(Guid donorId) => $"New payment method for donor {donorId}.";
}

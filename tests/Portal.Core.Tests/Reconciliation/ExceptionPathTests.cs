using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Reconciliation;
using Portal.Core.Refunds;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Refunds;
using Portal.Core.Tests.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Reconciliation;

/// <summary>
/// The exception paths not covered elsewhere: a payout paying a payment we record as failed, a line linked by hand to
/// the payment it belongs to (not to one already paid out), one ignored with a reason, one resolved twice, and the
/// donor's refund request refused for bad input and declined with a reason.
/// </summary>
public class ExceptionPathTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_status_mismatch_is_raised_and_exceptions_are_linked_or_ignored_once_each_with_a_reason(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var charges = await Finance.PaidChargesAsync(recurring, 2);
        await using (var db = recurring.Services.CreateContext())
        {
            // Our records say the first failed; the gateway paid it out all the same.
            (await db.Charges.SingleAsync(c => c.Id == charges[0].Id)).Status = ChargeStatus.Failed;
            await db.SaveChangesAsync();
        }

        // A payment whose metadata was lost (made by hand at the gateway for one of our donors).
        await recurring.Client.V1.PaymentIntents.CreateAsync(new Stripe.PaymentIntentCreateOptions
        {
            Amount = 3000,
            Currency = "eur",
            PaymentMethod = Portal.FakeStripe.TestPaymentMethods.Visa,
            Confirm = true,
            OffSession = true,
            Customer = (await recurring.Client.V1.Customers.CreateAsync(new Stripe.CustomerCreateOptions())).Id,
        });
        var (_, events) = recurring.Stripe.PayOut("eur");
        await Finance.DeliverAsync(recurring, events);
        var late = (await Finance.PaidChargesAsync(recurring, 1))[0];

        List<ReconciliationException> raised;
        await using (var db = recurring.Services.CreateContext())
        {
            raised = await db.ReconciliationExceptions.OrderBy(e => e.Id).ToListAsync();
        }

        var status = Assert.Single(raised, e => e.Key.EndsWith(":status", StringComparison.Ordinal));
        Assert.Equal(charges[0].Id, status.ChargeId);
        Assert.Contains("failed", status.Summary, StringComparison.Ordinal);
        var unmatched = Assert.Single(raised, e => e.Kind == ExceptionKind.UnmatchedGatewayLine);
        Assert.NotNull(unmatched.PayoutLineId);
        Assert.NotNull(status.PayoutLineId);

        Task<string?> ResolveAsync(long id, ExceptionStatus how, string? reason, string? link = null) => recurring.Services.InScopeAsync(scope =>
            scope.GetRequiredService<ExceptionDesk>().ResolveAsync(id, how, reason, link, "staff-1", "finance@example.org", CancellationToken.None));

        Assert.Equal("No payment 'R-0000' was found.", await ResolveAsync(unmatched.Id, ExceptionStatus.Linked, "Found it", "R-0000"));
        Assert.Contains("Name the payment", await ResolveAsync(unmatched.Id, ExceptionStatus.Linked, "Found it", " "));
        Assert.Contains("already matched", await ResolveAsync(unmatched.Id, ExceptionStatus.Linked, "Found it", charges[1].Id.ToString()));
        Assert.Null(await ResolveAsync(unmatched.Id, ExceptionStatus.Linked, "Metadata lost when it was made by hand", late.Id.ToString()));
        Assert.Contains("already resolved", await ResolveAsync(unmatched.Id, ExceptionStatus.Ignored, "again"));
        Assert.Null(await ResolveAsync(status.Id, ExceptionStatus.Ignored, "Marked failed by mistake; the bank confirms the money"));

        await using var check = recurring.Services.CreateContext();
        var line = await check.PayoutLines.SingleAsync(l => l.Id == unmatched.PayoutLineId);
        Assert.Equal(late.Id, line.ChargeId);
        Assert.Equal(PayoutLineMatch.Charge, line.Match);
        Assert.Equal(0, (await check.Payouts.SingleAsync()).OpenExceptionCount);
        var audited = await check.AuditRecords.Where(a => a.Action.StartsWith("reconciliation.exception.")).Select(a => a.Action).ToListAsync();
        Assert.Equal(["reconciliation.exception.ignored", "reconciliation.exception.linked"], audited.Order());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_donors_refund_request_refuses_bad_input_and_is_declined_with_a_reason_once(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var charge = (await Finance.PaidChargesAsync(recurring, 1))[0];
        var donorId = (await recurring.SponsorshipAsync(charge.SponsorshipId)).DonorId;

        Task<string?> SubmitAsync(Guid donor, Guid chargeId, string? reason) => recurring.Services.InScopeAsync(scope =>
            scope.GetRequiredService<RefundRequests>().SubmitAsync(donor, chargeId, reason, CancellationToken.None));

        Assert.Contains("why", await SubmitAsync(donorId, charge.Id, " "));
        Assert.Contains("cannot be refunded from here", await SubmitAsync(Guid.NewGuid(), charge.Id, "Not mine but I want it"));
        Assert.Null(await SubmitAsync(donorId, charge.Id, "Gave twice"));
        Assert.Contains("already asked", await SubmitAsync(donorId, charge.Id, "Gave twice"));

        var requestId = await CountAsync(recurring, db => db.RefundRequests.Select(r => r.Id).SingleAsync());
        Task<string?> DeclineAsync(string? reason) => recurring.Services.InScopeAsync(scope =>
            scope.GetRequiredService<RefundRequests>().DeclineAsync(requestId, reason, "staff-1", "finance@example.org", CancellationToken.None));
        Assert.Contains("reason", await DeclineAsync(""));
        Assert.Null(await DeclineAsync("The gift was used for the school roof already"));
        Assert.Contains("already been answered", await DeclineAsync("again"));

        await using var check = recurring.Services.CreateContext();
        var request = await check.RefundRequests.SingleAsync();
        Assert.Equal(RefundRequestStatus.Declined, request.Status);
        Assert.Equal("The gift was used for the school roof already", request.Decision);
        Assert.Equal(0, await check.Refunds.CountAsync());
    }

    private static async Task<T> CountAsync<T>(Recurring recurring, Func<PortalDbContext, Task<T>> read)
    {
        await using var db = recurring.Services.CreateContext();
        return await read(db);
    }
}

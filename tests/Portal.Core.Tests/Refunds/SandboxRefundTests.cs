using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Reconciliation;
using Portal.Core.Refunds;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Payments.Events;
using Portal.Testing;

namespace Portal.Core.Tests.Refunds;

/// <summary>The embedded default: a refund in the local sandbox goes through at once, posts once, and drift finds nothing.</summary>
public class SandboxRefundTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_sandbox_gift_is_refunded_once_and_the_nightly_checks_change_nothing(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var (sponsorshipId, session) = await MoneyPath.StartAsync(services);
        Assert.IsType<SandboxPayResult.Paid>(await MoneyPath.PayAsync(services, session));
        await MoneyPath.ApplyAllAsync(services);
        var charge = await MoneyPath.ChargeAsync(services, sponsorshipId);
        Assert.Equal(ChargeStatus.Succeeded, charge.Status);

        var outcome = await services.InScopeAsync(scope => scope.GetRequiredService<RefundDesk>()
            .RefundAsync(
                new RefundInput(charge.Id, "12.50", "Donor asked", "requested_by_customer"),
                "staff-1",
                "finance@example.org",
                CancellationToken.None));
        var again = await services.InScopeAsync(
            scope => scope.GetRequiredService<RefundDesk>().SendAsync(outcome.Refund!.Id, CancellationToken.None));
        var drift = await services.InScopeAsync(scope => scope.GetRequiredService<DriftRepair>().RunAsync(CancellationToken.None));
        var imported = await services.InScopeAsync(scope => scope.GetRequiredService<PayoutImport>().ImportRecentAsync(CancellationToken.None));

        Assert.Null(outcome.Message);
        Assert.Equal(RefundStatus.Succeeded, outcome.Refund!.Status);
        Assert.Equal(RefundStatus.Succeeded, again.Refund!.Status);
        Assert.StartsWith("re_sbx_", outcome.Refund.GatewayRefundId, StringComparison.Ordinal);
        Assert.Equal(0, drift.Repaired);
        Assert.Null(drift.Error);
        Assert.Equal(0, imported);
        await using var db = services.CreateContext();
        Assert.Equal(1250, await db.JournalLines.Where(l => l.Account!.Kind == AccountKind.FundRefunds).SumAsync(l => l.AmountMinor));
        Assert.Equal(1, await db.JournalEntries.CountAsync(e => e.IdempotencyKey.StartsWith("refund:")));
        Assert.Equal(1250, (await db.Charges.SingleAsync(c => c.Id == charge.Id)).AmountRefundedMinor);
        Assert.Equal(1, await db.OutboundEmails.CountAsync(m => m.IdempotencyKey.StartsWith($"receipt:{charge.Id}:amended:")));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Refunds;
using Portal.Core.Tests.Payments.Events;
using Portal.Testing;

namespace Portal.Core.Tests.Refunds;

/// <summary>A refund tells its story in the log: requested, sent and succeeded, each with the refund's id in scope.</summary>
public class RefundLogTests
{
    [Fact]
    public async Task A_refund_logs_its_events_with_the_refund_id_in_scope()
    {
        var logs = new TestLogs();
        await using var seeded = await MoneyPath.SeededAsync(DatabaseProvider.Sqlite, logs);
        var services = seeded.Services;
        var (sponsorshipId, session) = await MoneyPath.StartAsync(services);
        Assert.IsType<SandboxPayResult.Paid>(await MoneyPath.PayAsync(services, session));
        await MoneyPath.ApplyAllAsync(services);
        var charge = await MoneyPath.ChargeAsync(services, sponsorshipId);

        var input = new RefundInput(charge.Id, "12.50", "Donor asked", "requested_by_customer");
        var outcome = await services.InScopeAsync(scope => scope.GetRequiredService<RefundDesk>()
            .RefundAsync(input, "staff-1", "finance@example.org", CancellationToken.None));

        var refundId = outcome.Refund!.Id;
        var requested = Assert.Single(logs.WithId(3001));
        Assert.Equal(LogLevel.Information, requested.Level);
        Assert.Equal(refundId, requested.Value("RefundId"));
        Assert.Equal(1250L, requested.Value("Amount"));
        Assert.Equal(charge.Id, requested.Value("ChargeId"));
        var succeeded = Assert.Single(logs.WithId(3005));
        Assert.Equal(LogLevel.Information, succeeded.Level);
        Assert.Equal(refundId, succeeded.ScopeValue("RefundId"));
        Assert.Contains("succeeded", succeeded.Message, StringComparison.Ordinal);
        Assert.Equal(refundId, Assert.Single(logs.WithId(3002)).ScopeValue("RefundId"));
        Assert.Contains(logs.WithId(2001), posting => posting.ScopeValue("RefundId") is Guid id && id == refundId);
    }
}

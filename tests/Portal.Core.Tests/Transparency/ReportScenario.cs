using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Refunds;
using Portal.Core.Spending;
using Portal.Core.Tests.Payments.Events;
using Portal.Core.Transparency;
using Portal.Testing;

namespace Portal.Core.Tests.Transparency;

/// <summary>
/// Nairobi's first quarter of 2026: two donors give EUR 30 each in March, EUR 12.50 of one gift is refunded, and the
/// fund spends on education (February and March) and health care (March). The clock then moves to 6 April.
/// </summary>
internal static class ReportScenario
{
    public static readonly ReportPeriod Q1 = ReportPeriod.Quarter(2026, 1);

    public static async Task<MoneyPath.Seeded> SeededAsync(DatabaseProvider provider)
    {
        var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var sponsorships = new List<Guid>();
        foreach (var email in new[] { "ada@example.org", "grace@example.org" })
        {
            var (id, session) = await MoneyPath.StartAsync(services, email: email);
            Assert.IsType<SandboxPayResult.Paid>(await MoneyPath.PayAsync(services, session));
            sponsorships.Add(id);
        }

        await MoneyPath.ApplyAllAsync(services);
        var charge = await MoneyPath.ChargeAsync(services, sponsorships[0]);
        var refund = await services.InScopeAsync(scope => scope.GetRequiredService<RefundDesk>()
            .RefundAsync(
                new RefundInput(charge.Id, "12.50", "Donor asked", "requested_by_customer"),
                "staff-1",
                "finance@example.org",
                CancellationToken.None));
        Assert.Null(refund.Message);
        await SpendAsync(
            services,
            "nairobi,education,2026-02-20,100,EUR,February books,F-1\nnairobi,education,2026-03-02,40,EUR,March books,M-1\n"
                + "nairobi,health_care,2026-03-03,15.50,EUR,March doctor,M-2\n");
        services.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 6, 8, 0, 0, TimeSpan.Zero));
        return seeded;
    }

    public static async Task SpendAsync(PortalServices services, string rows)
    {
        var import = await services.InScopeAsync(scope => scope.GetRequiredService<SpendingBook>()
            .ImportAsync(new StringReader(SpendingBook.Header + "\n" + rows), "staff", "finance@example.org", CancellationToken.None));
        Assert.True(import.Succeeded, string.Join("; ", import.Problems));
    }

    public static Task<ReportBuild> BuildAsync(PortalServices services, ReportPeriod period) =>
        services.InScopeAsync(scope => scope.GetRequiredService<BuildTransparencyReports>().BuildAsync(period, CancellationToken.None));

    public static async Task<TransparencyReport> NairobiAsync(PortalServices services, string periodKey = "2026-q1")
    {
        await using var db = services.CreateContext();
        var fundId = await db.Funds.Where(f => f.Slug == "nairobi").Select(f => f.Id).SingleAsync();
        return await db.TransparencyReports.AsNoTracking().SingleAsync(r => r.FundId == fundId && r.PeriodKey == periodKey);
    }

    public static Task<string?> PublishAsync(PortalServices services, Guid reportId, bool confirmed) =>
        services.InScopeAsync(scope => scope.GetRequiredService<PublishTransparencyReport>()
            .PublishAsync(reportId, confirmed, "staff-2", "comms@example.org", CancellationToken.None));
}

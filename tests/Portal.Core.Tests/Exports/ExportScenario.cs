using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Funds;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Spending;
using Portal.Core.Tests.Payments.Events;
using Portal.Testing;

namespace Portal.Core.Tests.Exports;

/// <summary>
/// Two gifts to Nairobi on 2026-03-10 (the test clock's day), spending in February and March, and the demo funds'
/// opening balances: a small ledger to export and compare.
/// </summary>
internal static class ExportScenario
{
    public static async Task<MoneyPath.Seeded> SeededAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var services = PortalServices.Create(database, settings);
        await services.InScopeAsync(scope => scope.GetRequiredService<SeedDemoContent>().RunAsync(CancellationToken.None));
        foreach (var email in new[] { "ada@example.org", "grace@example.org" })
        {
            var (_, session) = await MoneyPath.StartAsync(services, email: email);
            Assert.IsType<SandboxPayResult.Paid>(await MoneyPath.PayAsync(services, session));
        }

        await MoneyPath.ApplyAllAsync(services);
        var import = await services.InScopeAsync(scope => scope.GetRequiredService<SpendingBook>().ImportAsync(new StringReader(
            "fund,category,date,amount,currency,description,reference\n" +
            "nairobi,education,2026-02-20,100,EUR,February books,F-1\n" +
            "nairobi,education,2026-03-02,40,EUR,\"March books, \"\"used\"\"\",M-1\n" +
            "nairobi,health_care,2026-03-03,15.50,EUR,=1+1 doctor,M-2\n"), "staff", "finance@example.org", CancellationToken.None));
        Assert.True(import.Succeeded);
        return new MoneyPath.Seeded(database, services);
    }

    public static async Task<byte[]> ExportAsync(PortalServices services, ExportKind kind, ExportFilter filter, ExportFormat format) =>
        await services.InScopeAsync(async scope =>
        {
            using var file = new MemoryStream();
            await TableExport.WriteAsync(
                scope.GetRequiredService<Portal.Core.Exports.Exports>().Table(kind, filter),
                format,
                file,
                CancellationToken.None);
            return file.ToArray();
        });

    public static async Task<Guid> FundIdAsync(PortalServices services, string slug)
    {
        await using var db = services.CreateContext();
        return await db.Funds.Where(f => f.Slug == slug).Select(f => f.Id).SingleAsync();
    }
}

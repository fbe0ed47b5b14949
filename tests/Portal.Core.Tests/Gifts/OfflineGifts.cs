using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Funds;
using Portal.Core.Gifts;
using Portal.Core.Ledger;
using Portal.Core.Ledger.Totals;
using Portal.Core.Shared;
using Portal.Core.Tests.Payments.Events;
using Portal.Testing;

namespace Portal.Core.Tests.Gifts;

/// <summary>Helpers for offline gift tests: record one as Finance would, and read a fund's figures the ways pages do.</summary>
internal static class OfflineGifts
{
    public const string Actor = "finance@charity.test";

    public static OfflineGiftInput Gift(
        string email = "ada@example.org",
        string amount = "50.00",
        string date = "2026-03-09",
        string method = "bank-transfer",
        string fund = "nairobi")
        => new(email, "Ada Lovelace", "GB", fund, date, amount, "EUR", method);

    public static Task<OfflineGiftResult> RecordAsync(PortalServices services, OfflineGiftInput input, Guid? token = null) =>
        services.InScopeAsync(scope => scope.GetRequiredService<OfflineGiftBook>()
            .RecordAsync(token ?? Guid.NewGuid(), input, "staff-1", Actor, CancellationToken.None));

    /// <summary>
    /// The fund's raised figure as the public page shows it, as the Finance dashboard reads it, and as the raw sum of
    /// the ledger's lines on its accounts (opening balance and income, less refunds and disputes): all must agree.
    /// </summary>
    public static async Task<(long Page, long Figures, long Lines)> RaisedAsync(PortalServices services, string slug)
    {
        await using var db = services.CreateContext();
        var fund = await db.Funds.AsNoTracking().SingleAsync(f => f.Slug == slug);
        var page = await services.InScopeAsync(scope => scope.GetRequiredService<FundProgress>().ForAsync([fund], CancellationToken.None));
        var figures = await services.InScopeAsync(
            scope => scope.GetRequiredService<FundFiguresReader>().SinceTheBeginningAsync([fund.Id], CancellationToken.None));
        AccountKind[] raised = [AccountKind.OpeningBalance, AccountKind.FundIncome, AccountKind.FundRefunds, AccountKind.FundDisputes];
        var lines = await db.JournalLines.Where(l => l.Account!.FundId == fund.Id && l.Currency == fund.Currency && raised.Contains(l.Account.Kind))
            .SumAsync(l => l.AmountMinor);
        return (page[fund.Id].Raised.Minor, figures.Single(f => f.Currency == Currency.Of(fund.Currency)).Raised.Minor, -lines);
    }

    public static async Task AssertTotalsAgreeAsync(PortalServices services)
    {
        var check = await services.Get<LedgerTotals>().CheckAsync(CancellationToken.None);
        Assert.True(check.Agreed, check.Summary);
    }
}

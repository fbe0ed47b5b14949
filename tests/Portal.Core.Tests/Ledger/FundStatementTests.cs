using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Shared;
using Portal.Core.Spending;
using Portal.Core.Tests.Payments.Events;
using Portal.Testing;

namespace Portal.Core.Tests.Ledger;

/// <summary>A fund's statement for a period adds up, agrees with the journal, and leaves out what falls outside the period.</summary>
public class FundStatementTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_statement_shows_the_periods_gifts_fees_and_spending_by_category_and_its_balances_agree_with_the_journal(
        DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        // Two donors give in March (the test clock's month); spending in February and March.
        foreach (var email in new[] { "ada@example.org", "grace@example.org" })
        {
            var (_, session) = await MoneyPath.StartAsync(services, email: email);
            Assert.IsType<SandboxPayResult.Paid>(await MoneyPath.PayAsync(services, session));
        }

        await MoneyPath.ApplyAllAsync(services);
        var import = await services.InScopeAsync(scope => scope.GetRequiredService<SpendingBook>().ImportAsync(new StringReader(
            "fund,category,date,amount,currency,description,reference\n" +
            "nairobi,education,2026-02-20,100,EUR,February books,F-1\n" +
            "nairobi,education,2026-03-02,40,EUR,March books,M-1\n" +
            "nairobi,health_care,2026-03-03,15.50,EUR,March doctor,M-2\n"), "staff", "finance@example.org", CancellationToken.None));
        Assert.True(import.Succeeded);

        var statement = await services.InScopeAsync(async scope =>
        {
            var db = scope.GetRequiredService<Portal.Core.Data.PortalDbContext>();
            var fund = await db.Funds.SingleAsync(f => f.Slug == "nairobi");
            return (await scope.GetRequiredService<FundStatements>()
                .ForAsync(fund, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), CancellationToken.None)).Single();
        });

        Assert.Equal("EUR", statement.Currency.Code);
        Assert.Equal(6000, statement.Gifts.Minor);
        Assert.Equal(140, statement.Fees.Minor);
        Assert.Equal(5550, statement.Spent.Minor);
        Assert.Equal([4000L, 1550L, 0L, 0L, 0L, 0L], statement.SpendingByCategory.Select(c => c.Amount.Minor));
        Assert.Equal(2, statement.Donors);
        Assert.Equal(0, statement.Returned.Minor);
        Assert.Equal(statement.Opening + statement.Net - statement.Spent, statement.Closing);
        await using var check = services.CreateContext();
        var fundId = await check.Funds.Where(f => f.Slug == "nairobi").Select(f => f.Id).SingleAsync();
        var journalBalance = -await check.JournalLines.Where(l => l.Account!.FundId == fundId && l.Currency == "EUR").SumAsync(l => l.AmountMinor);
        Assert.Equal(journalBalance, statement.Closing.Minor);
        var balances = await services.InScopeAsync(
            scope => scope.GetRequiredService<FundFiguresReader>().SinceTheBeginningAsync(null, CancellationToken.None));
        Assert.Equal(balances.Single(b => b.FundId == fundId && b.Currency.Code == "EUR").Closing, statement.Closing);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Refunds_and_disputes_are_their_own_lines_and_settled_gifts_show_in_the_reporting_currency(DatabaseProvider provider)
    {
        await using var seeded = await Exports.ExportScenario
            .SeededAsync(provider, new Dictionary<string, string?> { ["Portal:ReportingCurrency"] = "USD" });
        var services = seeded.Services;
        await using (var db = services.CreateContext())
        {
            // Payout reconciliation has read the first gift's settlement: USD 33.00 at 1.1; the second has no rate yet.
            var first = await db.Charges.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).FirstAsync();
            (first.SettledAmountMinor, first.SettledFeeMinor, first.SettledCurrency, first.ExchangeRate) = (3_300, 80, "USD", 1.1m);
            await db.SaveChangesAsync();
        }

        await services.InScopeAsync(async scope =>
        {
            var db = scope.GetRequiredService<Portal.Core.Data.PortalDbContext>();
            var journal = scope.GetRequiredService<Journal>();
            var fund = await db.Funds.SingleAsync(f => f.Slug == "nairobi");
            var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
            var clearing = new AccountRef(AccountKind.GatewayClearing, Currency.EUR);
            foreach (var (kind, minor, key) in new[] {
                (AccountKind.FundRefunds, 1_000L, "test:refund"),
                (AccountKind.FundDisputes, 3_000L, "test:dispute") })
            {
                var amount = new Money(minor, Currency.EUR);
                await journal.PostAsync(new JournalDraft(
                    new DateOnly(2026, 3, 12),
                    key,
                    key,
                    [DraftLine.Debit(new AccountRef(kind, Currency.EUR, owner), amount), DraftLine.Credit(clearing, amount)],
                    fund.Id), CancellationToken.None);
            }

            await db.SaveChangesAsync();
        });

        var statement = await services.InScopeAsync(async scope =>
        {
            var db = scope.GetRequiredService<Portal.Core.Data.PortalDbContext>();
            var fund = await db.Funds.SingleAsync(f => f.Slug == "nairobi");
            return (await scope.GetRequiredService<FundStatements>()
                .ForAsync(fund, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), CancellationToken.None)).Single();
        });

        Assert.Equal(6_000, statement.Gifts.Minor);
        Assert.Equal(1_000, statement.Refunds.Minor);
        Assert.Equal(3_000, statement.Disputes.Minor);
        Assert.Equal(6_000 - 1_000 - 3_000 - 140, statement.Net.Minor);
        Assert.Equal(statement.Opening + statement.Net - statement.Spent, statement.Closing);
        await using var check = services.CreateContext();
        var fundId = await check.Funds.Where(f => f.Slug == "nairobi").Select(f => f.Id).SingleAsync();
        Assert.Equal(-await check.JournalLines.Where(l => l.Account!.FundId == fundId).SumAsync(l => l.AmountMinor), statement.Closing.Minor);
        Assert.Equal(new Money(3_300, Currency.USD), statement.Reporting.Settled);
        Assert.Equal(1, statement.Reporting.SettledGifts);
        Assert.Equal(1.1m, statement.Reporting.AverageRate);
        Assert.Equal(1, statement.Reporting.UnsettledGifts);
        Assert.Equal(0, statement.Reporting.OtherCurrencyGifts);
    }
}

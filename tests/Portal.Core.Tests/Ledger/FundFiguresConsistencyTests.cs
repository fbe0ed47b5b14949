using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Funds;
using Portal.Core.Ledger;
using Portal.Core.Ledger.Totals;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Sponsorships;
using Portal.FakeStripe;
using Portal.Testing;

namespace Portal.Core.Tests.Ledger;

/// <summary>
/// Random sequences of what happens to a federation's money (card and SEPA gifts in three currencies, partial and full
/// refunds, refunds that fail, disputes won and lost, SEPA returns, spending, payouts, days passing), after which every
/// fund's figures agree to the cent wherever they are shown: the dashboard, the statement, the statement export, the
/// journal export, the public progress, the totals tables and the raw sum of the ledger's lines.
/// </summary>
public class FundFiguresConsistencyTests
{
    private static readonly FakeStripeOptions SettlesInEuro = new()
    {
        SettlementCurrency = "eur",
        ExchangeRates = new Dictionary<string, decimal> { ["usd"] = 0.9213m, ["gbp"] = 1.1571m },
    };


    public static TheoryData<DatabaseProvider, int> Runs => new()
    {
        { DatabaseProvider.Sqlite, 1 },
        { DatabaseProvider.Sqlite, 2 },
        { DatabaseProvider.PostgreSql, 3 },
        { DatabaseProvider.PostgreSql, 4 },
    };

    [SkippableTheory]
    [MemberData(nameof(Runs))]
    public async Task Every_figure_of_every_fund_agrees_to_the_cent_after_a_random_history(DatabaseProvider provider, int seed)
    {
        await using var recurring = await Recurring.CreateAsync(provider, stripeOptions: SettlesInEuro);
        var history = new RandomMoneyHistory(recurring, new Random(seed));
        for (var step = 1; step <= 48; step++)
        {
            await history.StepAsync();
            if (step % 16 == 0)
            {
                await AssertAgreeAsync(recurring, $"seed {seed}, step {step}: {history.Last}");
            }
        }

        Assert.True(history.Counts.Values.Sum() >= 40, string.Join(", ", history.Counts));
        Assert.True(history.Counts.Keys.Count >= 8, $"Only {string.Join(", ", history.Counts.Keys)} happened with seed {seed}.");
        // Donors gave again as months passed: their chains of gifts were extended, not only started.
        await using var db = recurring.Services.CreateContext();
        Assert.True(
            await db.Charges.Where(c => c.GiftDate != null).GroupBy(c => c.SponsorshipId).AnyAsync(g => g.Count() >= 3),
            $"No sponsorship was charged three times with seed {seed}.");
    }

    private static async Task AssertAgreeAsync(Recurring recurring, string where)
    {
        var services = recurring.Services;
        var today = recurring.Today;
        var (first, middle) = (new DateOnly(2000, 1, 1), today.AddDays(-20));
        var check = await services.Get<LedgerTotals>().CheckAsync(CancellationToken.None);
        Assert.True(check.Agreed, $"{where}: {check.Summary}");

        await using var db = services.CreateContext();
        var funds = await db.Funds.AsNoTracking().ToListAsync();
        var raw = await (from line in db.JournalLines
                         join account in db.Accounts on line.AccountId equals account.Id
                         where account.FundId != null
                         group line.AmountMinor by new { FundId = account.FundId!.Value, account.Kind, line.Currency } into g
                         select new { g.Key.FundId, g.Key.Kind, g.Key.Currency, Sum = g.Sum() }).ToListAsync();
        var totals = await (from total in db.AccountTotals
                            join account in db.Accounts on total.AccountId equals account.Id
                            where account.FundId != null
                            select new { FundId = account.FundId!.Value, account.Currency, total.AmountMinor }).ToListAsync();
        var dashboard = await services.InScopeAsync(
            scope => scope.GetRequiredService<FundFiguresReader>().SinceTheBeginningAsync(null, CancellationToken.None));
        var progress = await services.InScopeAsync(scope => scope.GetRequiredService<FundProgress>().ForAsync(funds, CancellationToken.None));
        var statementRows = await ExportAsync(services, scope => scope.GetRequiredService<StatementsExport>().Table(new ExportFilter(first, today)));
        var journalRows = await ExportAsync(services, scope => scope.GetRequiredService<JournalExport>().Table(new ExportFilter(null, null)));
        var header = statementRows[0];
        int Column(string name) => Array.IndexOf(header, name);

        var seen = raw.Select(r => (r.FundId, r.Currency)).Distinct().ToList();
        Assert.NotEmpty(seen);
        foreach (var (fundId, code) in seen)
        {
            var fund = funds.Single(f => f.Id == fundId);
            var currency = Currency.Of(code);
            var what = $"{where}: {fund.Code} {code}";
            long Raw(params AccountKind[] kinds)
                => raw.Where(r => r.FundId == fundId && r.Currency == code && (kinds.Length == 0 || kinds.Contains(r.Kind))).Sum(r => r.Sum);
            var ledger = -Raw();

            var statements = await services.InScopeAsync(
                scope => scope.GetRequiredService<FundStatements>().ForAsync(fund, first, today, CancellationToken.None));
            var statement = statements.Single(s => s.Currency == currency);
            var board = dashboard.Single(f => f.FundId == fundId && f.Currency == currency);
            var exported = statementRows.Skip(1).Single(r => r[0] == fund.Code && r[Column("currency")] == code);
            var journal = journalRows.Skip(1).Where(r => r[6] == fund.Code && r[9] == code)
                .Sum(r => Minor(r[8], currency) - Minor(r[7], currency));

            Assert.True(ledger == board.Closing.Minor, $"{what}: dashboard {board.Closing.Minor}, ledger {ledger}");
            Assert.True(ledger == statement.Closing.Minor, $"{what}: statement {statement.Closing.Minor}, ledger {ledger}");
            Assert.True(
                ledger == Minor(exported[Column("closing")], currency),
                $"{what}: statement export {exported[Column("closing")]}, ledger {ledger}");
            Assert.True(ledger == journal, $"{what}: journal export {journal}, ledger {ledger}");
            Assert.True(ledger == -totals.Where(t => t.FundId == fundId && t.Currency == code).Sum(t => t.AmountMinor), $"{what}: totals table");
            var raised = -Raw(AccountKind.OpeningBalance, AccountKind.FundIncome, AccountKind.FundRefunds, AccountKind.FundDisputes);
            Assert.True(raised == board.Raised.Minor, $"{what}: raised {board.Raised.Minor}, ledger {raised}");
            if (code == fund.Currency)
            {
                Assert.True(raised == progress[fundId].Raised.Minor, $"{what}: public raised {progress[fundId].Raised.Minor}, ledger {raised}");
            }

            Assert.Equal(Raw(AccountKind.FundFees), board.Fees.Minor);
            Assert.Equal(Raw(AccountKind.FundSpending), statement.Spent.Minor);
            Assert.Equal(statement.Spent, statement.SpendingByCategory.Aggregate(Money.Zero(currency), (sum, c) => sum + c.Amount));
            Assert.Equal(statement.Opening + statement.Net - statement.Spent, statement.Closing);

            // A period that starts in the middle: its balance before is the closing of the days before it.
            var before = (await services.InScopeAsync(
                scope => scope.GetRequiredService<FundStatements>().ForAsync(fund, first, middle.AddDays(-1), CancellationToken.None)))
                .SingleOrDefault(s => s.Currency == currency);
            var recent = (await services.InScopeAsync(
                scope => scope.GetRequiredService<FundStatements>().ForAsync(fund, middle, today, CancellationToken.None)))
                .Single(s => s.Currency == currency);
            Assert.True(
                (before?.Closing.Minor ?? 0) == recent.Figures.BalanceBefore.Minor,
                $"{what}: balance before {middle} {recent.Figures.BalanceBefore.Minor}, closing before {before?.Closing.Minor}");
            await AssertGiftsAsync(db, fundId, code, first, today, statement, what);
            await AssertGiftsAsync(db, fundId, code, middle, today, recent, $"{what} from {middle}");
        }
    }

    /// <summary>The statement's gift count, donors and settlement, against the charges themselves.</summary>
    private static async Task AssertGiftsAsync(
        PortalDbContext db,
        Guid fundId,
        string code,
        DateOnly start,
        DateOnly end,
        FundStatement statement,
        string what)
    {
        var gifts = await (from charge in db.Charges
                           join sponsorship in db.Sponsorships on charge.SponsorshipId equals sponsorship.Id
                           where charge.FundId == fundId && charge.Currency == code && charge.GiftDate >= start && charge.GiftDate <= end
                           select new { sponsorship.DonorId, charge.SettledCurrency, charge.SettledAmountMinor }).ToListAsync();
        var entries = await db.JournalEntries.CountAsync(e => e.FundId == fundId && e.ChargeId != null && e.ReversesEntryId == null
            && e.IdempotencyKey.StartsWith("charge:") && e.IdempotencyKey.EndsWith(":succeeded") && e.Date >= start && e.Date <= end
            && db.Charges.Any(c => c.Id == e.ChargeId && c.Currency == code));
        Assert.True(entries == gifts.Count, $"{what}: {gifts.Count} gifts dated, {entries} gift entries");
        Assert.True(
            gifts.Select(g => g.DonorId).Distinct().Count() == statement.Donors,
            $"{what}: donors {statement.Donors}, charges {gifts.Select(g => g.DonorId).Distinct().Count()}");
        if (code != "EUR")
        {
            var settled = gifts.Where(g => g.SettledCurrency == "EUR" && g.SettledAmountMinor != null).ToList();
            Assert.Equal(settled.Sum(g => g.SettledAmountMinor!.Value), statement.Reporting.Settled.Minor);
            Assert.Equal(settled.Count, statement.Reporting.SettledGifts);
            Assert.Equal(gifts.Count(g => g.SettledAmountMinor == null), statement.Reporting.UnsettledGifts);
        }
    }

    private static async Task<List<string[]>> ExportAsync(PortalServices services, Func<IServiceProvider, ExportTable> table) =>
        await services.InScopeAsync(async scope =>
        {
            using var file = new MemoryStream();
            await TableExport.WriteAsync(table(scope), ExportFormat.Csv, file, CancellationToken.None);
            return ExportFiles.Csv(file.ToArray());
        });

    private static long Minor(string text, Currency currency) =>
        text.Length == 0 ? 0 : Money.TryParseMajor(text.Replace("-", "", StringComparison.Ordinal), currency, out var money)
            ? (text.StartsWith('-') ? -money.Minor : money.Minor)
            : throw new FormatException($"'{text}' is not an amount of {currency}.");
}

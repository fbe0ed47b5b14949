using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Shared;
using Portal.Core.Tests.Ledger;
using Portal.Core.Tests.Sponsorships;
using Portal.FakeStripe;
using Portal.Testing;

namespace Portal.Core.Tests.Data;

/// <summary>
/// A portal database filled through the portal's own services by a random history of what happens to the money
/// (<see cref="RandomMoneyHistory"/>: gifts in three currencies, refunds, disputes, SEPA returns, spending, payouts),
/// its audit records sealed: what a backup must carry across.
/// </summary>
internal static class FilledDatabase
{
    private static readonly FakeStripeOptions SettlesInEuro = new()
    {
        SettlementCurrency = "eur",
        ExchangeRates = new Dictionary<string, decimal> { ["usd"] = 0.9213m, ["gbp"] = 1.1571m },
    };

    public static async Task<Recurring> CreateAsync(DatabaseProvider provider, int steps = 24)
    {
        var recurring = await Recurring.CreateAsync(provider, stripeOptions: SettlesInEuro);
        var history = new RandomMoneyHistory(recurring, new Random(14));
        for (var step = 0; step < steps; step++)
        {
            await history.StepAsync();
        }

        await recurring.Services.Get<AuditChain>().SealAsync(CancellationToken.None);
        return recurring;
    }

    /// <summary>A posting of <paramref name="minor"/> cents to the Gulu village's opening balance, as finance staff would record one.</summary>
    public static async Task<long> PostAsync(PortalServices services, string key, long minor) =>
        await services.InScopeAsync(async scope =>
        {
            var db = scope.GetRequiredService<PortalDbContext>();
            var fund = await db.Funds.SingleAsync(f => f.Slug == "gulu");
            var amount = new Money(minor, Currency.EUR);
            var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
            var entry = await scope.GetRequiredService<Journal>().PostAsync(
                new JournalDraft(
                    new DateOnly(2026, 3, 10),
                    key,
                    key,
                    [
                        DraftLine.Debit(new AccountRef(AccountKind.Bank, Currency.EUR), amount),
                        DraftLine.Credit(new AccountRef(AccountKind.OpeningBalance, Currency.EUR, owner), amount),
                    ],
                    fund.Id),
                CancellationToken.None);
            await db.SaveChangesAsync();
            return entry.Id;
        });

    public static async Task<FundFigures> GuluAsync(PortalServices services)
    {
        await using var db = services.CreateContext();
        var gulu = await db.Funds.SingleAsync(f => f.Slug == "gulu");
        var figures = await services.InScopeAsync(
            scope => scope.GetRequiredService<FundFiguresReader>().SinceTheBeginningAsync([gulu.Id], CancellationToken.None));
        return figures.SingleOrDefault(f => f.Currency == Currency.EUR) ?? FundFigures.Zero(gulu.Id, Currency.EUR);
    }
}

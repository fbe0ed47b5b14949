using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Ledger.Totals;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Shared;
using Portal.Core.Sponsorships;
using Portal.Core.Tests.Payments.Events;
using Portal.Testing;

namespace Portal.Core.Tests.Ledger.Totals;

/// <summary>The running totals move with every posting, in its transaction, and the nightly check and a rebuild agree with them.</summary>
public class LedgerTotalsTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Gifts_and_postings_keep_every_total_equal_to_the_records(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        foreach (var email in new[] { "ada@example.org", "grace@example.org" })
        {
            var (_, session) = await MoneyPath.StartAsync(services, email: email);
            Assert.IsType<SandboxPayResult.Paid>(await MoneyPath.PayAsync(services, session));
        }

        await MoneyPath.ApplyAllAsync(services);

        var check = await services.Get<LedgerTotals>().CheckAsync(CancellationToken.None);
        Assert.True(check.Agreed, check.Summary);
        await using var db = services.CreateContext();
        var nairobi = await db.Funds.SingleAsync(f => f.Slug == "nairobi");
        var income = await db.Accounts.SingleAsync(a => a.FundId == nairobi.Id && a.Kind == AccountKind.FundIncome && a.Currency == "EUR");
        var total = await db.AccountTotals.SingleAsync(t => t.AccountId == income.Id);
        Assert.Equal(await db.JournalLines.Where(l => l.AccountId == income.Id).SumAsync(l => l.AmountMinor), total.AmountMinor);
        Assert.Equal(-6_000, total.AmountMinor);
        Assert.Equal(2, (await db.FundSponsorCounts.SingleAsync(c => c.FundId == nairobi.Id)).Sponsors);
        Assert.Equal(2, await db.GiftDayTotals.Where(g => g.FundId == nairobi.Id).SumAsync(g => g.Gifts));
        Assert.All(
            await db.Charges.Where(c => c.Status == ChargeStatus.Succeeded).ToListAsync(),
            c => Assert.Equal(new DateOnly(2026, 3, 10), c.GiftDate));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_rolled_back_transaction_leaves_the_totals_as_they_were(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var before = await SumOfTotalsAsync(services);

        await services.InScopeAsync(async scope =>
        {
            var db = scope.GetRequiredService<PortalDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await PostAsync(scope, "test:rolled-back", 5_000);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        });

        Assert.Equal(before, await SumOfTotalsAsync(services));
        await services.InScopeAsync(async scope =>
        {
            await PostAsync(scope, "test:kept", 5_000);
            await scope.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        });
        Assert.Equal((before.Amount + 10_000, before.Lines + 2), await SumOfTotalsAsync(services));
        var check = await services.Get<LedgerTotals>().CheckAsync(CancellationToken.None);
        Assert.True(check.Agreed, check.Summary);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_check_finds_totals_that_drifted_and_rebuilds_them(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        await using (var db = services.CreateContext())
        {
            // A bug, or a hand edit: one total is wrong.
            var first = await db.AccountTotals.OrderBy(t => t.AccountId).FirstAsync();
            first.AmountMinor += 1;
            await db.SaveChangesAsync();
        }

        var check = await services.Get<LedgerTotals>().CheckAsync(CancellationToken.None);

        Assert.False(check.Agreed);
        Assert.Contains("rebuilt", check.Summary, StringComparison.Ordinal);
        Assert.True((await services.Get<LedgerTotals>().CheckAsync(CancellationToken.None)).Agreed);
        await using var after = services.CreateContext();
        Assert.Contains("agree", (await after.LedgerTotalsStates.SingleAsync()).CheckResult, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task Concurrent_postings_and_one_donors_concurrent_gifts_keep_every_total_exact(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var (sponsorshipId, _) = await MoneyPath.StartAsync(services);
        var chargeIds = new List<Guid>();
        await using (var db = services.CreateContext())
        {
            var sponsorship = await db.Sponsorships.SingleAsync(s => s.Id == sponsorshipId);
            for (var month = 1; month <= 12; month++)
            {
                var charge = new Charge
                {
                    SponsorshipId = sponsorshipId,
                    PeriodStart = new DateOnly(2025, month, 1),
                    AmountMinor = 1_000 + month,
                    Currency = "EUR",
                    Gateway = "sandbox",
                    FundId = sponsorship.FundId,
                    Status = ChargeStatus.InFlight,
                    CreatedAt = DateTime.UtcNow
                };
                db.Charges.Add(charge);
                chargeIds.Add(charge.Id);
            }

            await db.SaveChangesAsync();
        }

        // Twelve gifts of one donor, each committed by its own worker at once, on dates out of order; and postings
        // to the same accounts beside them. (The first posting to an account creates it: done before, alone.)
        await services.InScopeAsync(async scope =>
        {
            await PostAsync(scope, "test:accounts", 1);
            await scope.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        });
        await Gift(chargeIds[0], 0);
        var gifts = chargeIds.Skip(1).Select((id, i) => Gift(id, i + 1)).ToList();
        Task Gift(Guid id, int i) => Task.Run(() => services.InScopeAsync(async scope =>
        {
            var db = scope.GetRequiredService<PortalDbContext>();
            var charge = await db.Charges.SingleAsync(c => c.Id == id);
            var fund = await db.Funds.SingleAsync(f => f.Id == charge.FundId);
            charge.Status = ChargeStatus.Succeeded;
            await scope.GetRequiredService<Journal>().PostAsync(
                ChargePostings.Succeeded(charge, fund, new Money(30, Currency.EUR), new DateOnly(2026, 3, 1).AddDays((i * 7) % 12), "Gift"),
                CancellationToken.None);
            await db.SaveChangesAsync();
        }));
        var postings = Enumerable.Range(0, 12).Select(i => Task.Run(() => services.InScopeAsync(async scope =>
        {
            await PostAsync(scope, $"test:concurrent:{i}", 100 + i);
            await scope.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        })));
        await Task.WhenAll(gifts.Concat(postings.ToList()));

        var check = await services.Get<LedgerTotals>().CheckAsync(CancellationToken.None);
        Assert.True(check.Agreed, check.Summary);
        await using var after = services.CreateContext();
        Assert.Equal(12, await after.GiftDonorDays.SumAsync(d => d.Gifts));
        Assert.Equal(1, await after.GiftDonorDays.Where(d => d.PreviousDate == DateOnly.MinValue).SumAsync(d => d.Gifts));
    }

    private static async Task PostAsync(IServiceProvider scope, string key, long minor)
    {
        var db = scope.GetRequiredService<PortalDbContext>();
        var fund = await db.Funds.SingleAsync(f => f.Slug == "gulu");
        var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
        var amount = new Money(minor, Currency.EUR);
        await scope.GetRequiredService<Journal>().PostAsync(new JournalDraft(new DateOnly(2026, 3, 10), key, key,
            [DraftLine.Debit(new AccountRef(AccountKind.Bank, Currency.EUR), amount), DraftLine.Credit(
                new AccountRef(AccountKind.OpeningBalance, Currency.EUR, owner),
                amount)], fund.Id), CancellationToken.None);
    }

    private static async Task<(long Amount, long Lines)> SumOfTotalsAsync(PortalServices services)
    {
        await using var db = services.CreateContext();
        var totals = await db.AccountTotals.ToListAsync();
        return (totals.Sum(t => Math.Abs(t.AmountMinor)), totals.Sum(t => t.LineCount));
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Shared;
using Portal.Core.Spending;
using Portal.Core.Transparency;

namespace Portal.Core.Funds;

/// <summary>
/// Puts the demo villages and programs in an empty database, once, with their opening balances. With
/// <see cref="PortalOptions.DemoHistory"/> (on in Development) the balances are dated the first day of the quarter before
/// last and each fund spent part of its money last quarter, recorded as Finance records spending, so the report a new
/// user builds first (last quarter's) has real figures.
/// </summary>
public sealed class SeedDemoContent(
    PortalDbContext db, Journal journal, CharityCalendar calendar, SpendingBook spending, IOptions<PortalOptions> options)
{
    /// <summary>Who the demo's spending is recorded by, in the audit and on the spending page.</summary>
    public const string Actor = "demo data";

    /// <summary>What each fund spent last quarter in the demo: a category, the day in the quarter, the share of its balance (per mille).</summary>
    private static readonly (string Category, int Day, long PerMille, string What)[] DemoSpending =
    [
        ("education", 12, 60, "School fees and books for the term"),
        ("health_care", 40, 25, "Check-ups and vaccinations"),
        ("daily_care", 70, 45, "Food, clothes and household costs"),
    ];

    /// <returns>True when it seeded; false when funds already existed.</returns>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        if (await db.Funds.AnyAsync(cancellationToken))
        {
            return false;
        }

        var now = calendar.UtcNow;
        var lastQuarter = ReportPeriod.QuarterBefore(calendar.Today);
        var openedOn = options.Value.DemoHistory ? ReportPeriod.QuarterBefore(lastQuarter.Start).Start : calendar.Today;
        foreach (var (fund, raised) in DemoFunds.All)
        {
            fund.CreatedAt = now;
            db.Funds.Add(fund);
            foreach (var (language, name, summary, story) in DemoFundTranslations.All.GetValueOrDefault(fund.Slug) ?? [])
            {
                db.FundTranslations.Add(new FundTranslation { FundId = fund.Id, Language = language, Name = name, Summary = summary, Story = story });
            }

            var currency = Currency.Of(fund.Currency);
            var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
            await journal.PostAsync(
                new JournalDraft(
                    openedOn,
                    $"Opening balance (demo): gifts to {fund.Name} before the portal",
                    $"opening:{fund.Id}",
                    [
                        DraftLine.Debit(new AccountRef(AccountKind.Bank, currency), new Money(raised, currency)),
                        DraftLine.Credit(new AccountRef(AccountKind.OpeningBalance, currency, owner), new Money(raised, currency)),
                    ],
                    fund.Id),
                cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (options.Value.DemoHistory)
        {
            await SpendLastQuarterAsync(lastQuarter, cancellationToken);
        }

        return true;
    }

    private async Task SpendLastQuarterAsync(ReportPeriod quarter, CancellationToken cancellationToken)
    {
        foreach (var (fund, raised) in DemoFunds.All)
        {
            var currency = Currency.Of(fund.Currency);
            foreach (var (category, day, perMille, what) in DemoSpending)
            {
                var amount = new Money(raised, currency).MultiplyFraction(perMille, 1000, MidpointRounding.ToEven);
                var input = new SpendingInput(
                    fund.Code,
                    category,
                    quarter.Start.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    amount.ToPlainString(),
                    fund.Currency,
                    $"{what} (demo)",
                    $"DEMO-{quarter.Key}-{category}");
                if (await spending.AddAsync(input, Actor, Actor, cancellationToken) is { Count: > 0 } problems)
                {
                    throw new InvalidOperationException(
                        $"The demo spending of {fund.Code} was refused: {string.Join("; ", problems.Select(p => p.Message))}");
                }
            }
        }
    }
}

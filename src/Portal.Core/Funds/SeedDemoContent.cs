using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Shared;

namespace Portal.Core.Funds;

/// <summary>Puts the demo villages and programs in an empty database, once, with their opening balances.</summary>
public sealed class SeedDemoContent(PortalDbContext db, Journal journal, CharityCalendar calendar)
{
    /// <returns>True when it seeded; false when funds already existed.</returns>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        if (await db.Funds.AnyAsync(cancellationToken))
        {
            return false;
        }

        var now = calendar.UtcNow;
        foreach (var (fund, raised) in DemoFunds.All)
        {
            fund.CreatedAt = now;
            db.Funds.Add(fund);
            var currency = Currency.Of(fund.Currency);
            var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
            await journal.PostAsync(
                new JournalDraft(
                    calendar.Today,
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
        return true;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Shared;
using Portal.Core.Spending;
using Portal.Core.Tests.Refunds;
using Portal.Core.Tests.Sponsorships;
using Portal.Testing;

namespace Portal.Core.Tests.Ledger;

/// <summary>Closing a month: it refuses entries dated in it, and a later correction posts in the open period.</summary>
public class PeriodCloseTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_closed_month_refuses_entries_and_a_refund_of_its_gift_posts_in_the_open_period(DatabaseProvider provider)
    {
        await using var recurring = await Recurring.CreateAsync(provider);
        var charge = (await Finance.PaidChargesAsync(recurring, 1))[0];
        var march = new DateOnly(2026, 3, 1);

        Assert.Contains("has not ended", (await CloseAsync(recurring, march)).Problem);
        recurring.Services.Clock.Advance(TimeSpan.FromDays(25)); // 4 April
        var check = await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<PeriodClose>().CheckAsync(march, CancellationToken.None));
        Assert.Null(check.LockDate);
        Assert.True((await CloseAsync(recurring, march)).Closed);
        Assert.Contains("already closed", (await CloseAsync(recurring, march)).Problem);

        // Staff input dated in March is refused with a message, and nothing is written.
        var problems = await recurring.Services.InScopeAsync(scope => scope.GetRequiredService<SpendingBook>().AddAsync(
            new SpendingInput(
                "nairobi",
                "education",
                "2026-03-20",
                "100.00",
                "EUR",
                "School books",
                "INV-1"), "staff-1", "finance@example.org", CancellationToken.None));
        Assert.Contains(problems, p => p.Field == "date" && p.Message.Contains("closed period"));

        // The journal itself refuses it.
        var euro = Currency.Of("EUR");
        var late = new JournalDraft(new DateOnly(2026, 3, 31), "late", "late-entry",
            [DraftLine.Debit(new AccountRef(AccountKind.Bank, euro), new Money(100, euro)), DraftLine.Credit(
                new AccountRef(AccountKind.GatewayClearing, euro),
                new Money(100, euro))]);
        await Assert.ThrowsAsync<PeriodClosedException>(
            () => recurring.Services.InScopeAsync(scope => scope.GetRequiredService<Journal>().PostAsync(late, CancellationToken.None)));

        // A refund of a March gift in April: the correction is dated in the open period; March's figures do not change.
        Assert.Null((await Finance.RefundAsync(recurring, charge.Id, "5.00")).Message);
        await using var db = recurring.Services.CreateContext();
        var refundEntry = await db.JournalEntries.SingleAsync(e => e.IdempotencyKey.StartsWith("refund:"));
        Assert.Equal(new DateOnly(2026, 4, 4), refundEntry.Date);
        Assert.Equal(0, await db.JournalEntries.CountAsync(e => e.IdempotencyKey == "late-entry"));
        Assert.Equal(0, await db.SpendingRecords.CountAsync());
        Assert.Contains(await db.AuditRecords.ToListAsync(), a => a.Action == "ledger.period.closed" && a.Subject == "2026-03");
    }

    private static Task<PeriodCloseResult> CloseAsync(Recurring recurring, DateOnly month) =>
        recurring.Services.InScopeAsync(
            scope => scope.GetRequiredService<PeriodClose>().CloseAsync(month, "staff-1", "finance@example.org", CancellationToken.None));
}

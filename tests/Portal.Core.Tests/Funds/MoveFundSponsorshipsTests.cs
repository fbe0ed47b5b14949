using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Tests.Payments.Events;
using Portal.Testing;

namespace Portal.Core.Tests.Funds;

/// <summary>A closed fund's sponsorships move to an open fund once, each sponsor told once, the ledger untouched.</summary>
public class MoveFundSponsorshipsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task The_sponsorships_move_audited_each_sponsor_is_told_once_and_past_gifts_keep_their_fund(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var sponsorships = new List<Guid>();
        foreach (var email in new[] { "ada@example.org", "grace@example.org", "alan@example.org" })
        {
            var (id, session) = await MoneyPath.StartAsync(services, email: email);
            await MoneyPath.PayAsync(services, session);
            sponsorships.Add(id);
        }

        await MoneyPath.ApplyAllAsync(services);
        var (nairobi, gulu) = await CloseAsync(services, "nairobi", "gulu");
        var ledgerBefore = await LedgerAsync(services);
        var version = await VersionAsync(services, nairobi);

        var (moveId, refusal) = await MoveAsync(
            services, moves => moves.StartAsync(nairobi, version, "gulu", "Nairobi closed; Gulu is nearest", "staff-1", "Grace Care", None));
        await MoveAsync(services, async moves => { await moves.RunAsync(moveId!.Value, None); return 0; });
        var twice = await MoveAsync(services, moves => moves.StartAsync(nairobi, version, "gulu", "double click", "staff-1", "Grace Care", None));
        await MoveAsync(services, async moves => { await moves.RunAsync(moveId!.Value, None); return 0; });
        await MoveAsync(services, async moves => { await moves.RunUnfinishedAsync(None); return 0; });

        Assert.Null(refusal);
        Assert.Equal(MoveFundSponsorships.Stale, twice.Refusal);
        await using var db = services.CreateContext();
        Assert.All(await db.Sponsorships.Where(s => sponsorships.Contains(s.Id)).ToListAsync(), s => Assert.Equal(gulu, s.FundId));
        Assert.All(await db.Charges.Where(c => sponsorships.Contains(c.SponsorshipId)).ToListAsync(), c => Assert.Equal(nairobi, c.FundId));
        Assert.Equal(ledgerBefore, await LedgerAsync(services));
        var move = await db.FundMoves.SingleAsync();
        Assert.Equal((3, 3, true), (move.Total, move.Moved, move.FinishedAt is not null));
        Assert.Equal(1, await db.AuditRecords.CountAsync(r => r.Action == "fund.sponsorships-moved" && r.Subject == $"fund:{nairobi}"));
        var moved = await db.AuditRecords.Where(r => r.Action == "sponsorship.fund-changed").ToListAsync();
        Assert.Equal(3, moved.Count);
        Assert.All(moved, r => Assert.Equal("Grace Care", r.ActorName));
        Assert.All(moved, r => Assert.EndsWith("reason: Nairobi closed; Gulu is nearest", r.Details, StringComparison.Ordinal));
        var mails = await db.OutboundEmails.Where(m => m.IdempotencyKey.StartsWith("fund-move:")).ToListAsync();
        Assert.Equal(sponsorships.Select(s => $"fund-move:{moveId}:{s}").Order(), mails.Select(m => m.IdempotencyKey).Order());
        Assert.All(mails, m => Assert.Contains("Children's Village Gulu", m.Subject, StringComparison.Ordinal));
        Assert.All(mails, m => Assert.Contains("cancel your sponsorship instead", m.TextBody, StringComparison.Ordinal));
        Assert.All(mails, m => Assert.Contains("/account/sponsorships/", m.TextBody, StringComparison.Ordinal));

        // The fundraising figures see the move as a move (not three cancellations), and the nightly check agrees.
        var today = new DateOnly(2026, 3, 10);
        var (from, to) = await services.InScopeAsync(async scope =>
        {
            var figures = scope.GetRequiredService<Portal.Core.Fundraising.FundraisingFigures>();
            return ((await figures.YearAsync(2026, nairobi, today, None)).Currencies[0].Months[2],
                (await figures.YearAsync(2026, gulu, today, None)).Currencies[0].Months[2]);
        });
        Assert.Equal((-3L, 0L, 0L), (from.Moved, from.Running, from.Cancelled));
        Assert.Equal((3L, 3L, 9_000L), (to.Moved, to.Running, to.Monthly.Minor));
        var check = await services.Get<Portal.Core.Ledger.Totals.LedgerTotals>().CheckAsync(None);
        Assert.True(check.Agreed, check.Summary);
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_target_in_another_currency_closed_or_not_taking_the_interval_and_an_open_fund_are_refused(DatabaseProvider provider)
    {
        await using var seeded = await MoneyPath.SeededAsync(provider);
        var services = seeded.Services;
        var (id, session) = await MoneyPath.StartAsync(services, interval: "Quarterly");
        await MoneyPath.PayAsync(services, session);
        await MoneyPath.ApplyAllAsync(services);
        var open = await Attempt(services, "nairobi", "gulu", "why");
        var (nairobi, _) = await CloseAsync(services, "nairobi", "lviv");
        await using (var db = services.CreateContext())
        {
            (await db.Funds.SingleAsync(f => f.Slug == "gulu")).Intervals = FundIntervals.Monthly;
            await db.SaveChangesAsync();
        }

        Assert.Equal("Close the fund first: only a closed fund's sponsorships can be moved.", open);
        Assert.Equal("The fund to move to must keep its books in the same currency.", await Attempt(services, "nairobi", "ibarra", "why"));
        Assert.Equal("Choose an open fund to move the sponsorships to.", await Attempt(services, "nairobi", "lviv", "why"));
        Assert.Equal(
            "The fund to move to does not take gifts as often as some of these sponsorships give.",
            await Attempt(services, "nairobi", "gulu", "why"));
        Assert.StartsWith("Give the reason", await Attempt(services, "nairobi", "education", " "), StringComparison.Ordinal);
        await using var check = services.CreateContext();
        Assert.Equal(nairobi, (await check.Sponsorships.SingleAsync(s => s.Id == id)).FundId);
        Assert.False(await check.FundMoves.AnyAsync());
    }

    /// <summary>The service in a scope of its own, as each request and job has.</summary>
    private static Task<T> MoveAsync<T>(PortalServices services, Func<MoveFundSponsorships, Task<T>> work) =>
        services.InScopeAsync(scope => work(scope.GetRequiredService<MoveFundSponsorships>()));

    private static async Task<string?> Attempt(PortalServices services, string from, string to, string reason)
    {
        await using var db = services.CreateContext();
        var fund = await db.Funds.SingleAsync(f => f.Slug == from);
        return (await MoveAsync(services, moves => moves.StartAsync(fund.Id, fund.Version, to, reason, "staff-1", "Grace", None))).Refusal;
    }

    /// <summary>Closes the first fund (and the third, when given); returns the first and second fund's ids.</summary>
    private static async Task<(Guid Closed, Guid Target)> CloseAsync(PortalServices services, string close, string target)
    {
        await using var db = services.CreateContext();
        var funds = await db.Funds.Where(f => f.Slug == close || f.Slug == target).ToListAsync();
        funds.Single(f => f.Slug == close).Status = FundStatus.Closed;
        if (target == "lviv")
        {
            funds.Single(f => f.Slug == target).Status = FundStatus.Closed;
        }

        await db.SaveChangesAsync();
        return (funds.Single(f => f.Slug == close).Id, funds.Single(f => f.Slug == target).Id);
    }

    private static async Task<int> VersionAsync(PortalServices services, Guid fundId)
    {
        await using var db = services.CreateContext();
        return await db.Funds.Where(f => f.Id == fundId).Select(f => f.Version).SingleAsync();
    }

    private static async Task<List<string>> LedgerAsync(PortalServices services)
    {
        await using var db = services.CreateContext();
        var entries = await db.JournalEntries.AsNoTracking().Include(e => e.Lines).OrderBy(e => e.Id).ToListAsync();
        return [.. entries.SelectMany(e => e.Lines.OrderBy(l => l.Id).Select(l => $"{e.Id} {e.FundId} {e.ChargeId} {l.AccountId} {l.AmountMinor}"))];
    }
}

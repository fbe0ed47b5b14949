using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Shared;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

/// <summary>Public fund pages are served from a cache that a change evicts at once, and never to or from a signed-in staff member.</summary>
public class PublicPageCacheTests
{
    [Fact]
    public async Task A_cached_fund_page_is_served_again_until_a_change_evicts_it()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var visitor = portal.Browser();
        var first = await visitor.GetStringAsync("/funds/gulu");
        Assert.Contains("€19,800.00", WebUtility.HtmlDecode(first), StringComparison.Ordinal);

        // A change made behind the page's back (no commit through the portal's context) is not seen while cached.
        await using (var db = portal.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDbContext>>()
            .CreateDbContext())
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions
                .ExecuteSqlRawAsync(db.Database, "UPDATE \"AccountTotals\" SET \"AmountMinor\" = \"AmountMinor\" - 100");
        }

        Assert.Equal(first, await visitor.GetStringAsync("/funds/gulu"));

        // A posting through the portal evicts the cached copies: the page shows the new figure at once.
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var fund = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Funds, f => f.Slug == "gulu");
            var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
            var amount = new Money(10_000, Currency.EUR);
            await scope.ServiceProvider.GetRequiredService<Journal>().PostAsync(new JournalDraft(DateOnly.FromDateTime(
                DateTime.UtcNow), "A late opening balance", "test:late-opening",
                [DraftLine.Debit(new AccountRef(AccountKind.Bank, Currency.EUR), amount), DraftLine.Credit(
                    new AccountRef(AccountKind.OpeningBalance, Currency.EUR, owner),
                    amount)], fund.Id), CancellationToken.None);
            await db.SaveChangesAsync();
        }

        var after = WebUtility.HtmlDecode(await visitor.GetStringAsync("/funds/gulu"));
        Assert.NotEqual(first, after);
        // 19,800 + 100 (the posting) + 1 (the hand edit took a cent-hundred off the opening balance's credit; now read too).
        Assert.Contains("€19,901.00", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_never_get_the_anonymous_copy_and_their_page_is_never_cached_for_others()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var visitor = portal.Browser();
        Assert.DoesNotContain("href=\"/finance\"", await visitor.GetStringAsync("/"), StringComparison.Ordinal);
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        Assert.Contains("href=\"/finance\"", await finance.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/finance\"", await portal.Browser().GetStringAsync("/"), StringComparison.Ordinal);
    }
}

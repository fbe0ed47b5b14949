using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Shared;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Areas;

/// <summary>The journal on /finance pages by key, a hundred entries at a time, newest first, back and forth.</summary>
public partial class JournalPagingTests
{
    [Fact]
    public async Task Older_and_newer_pages_show_each_entry_once_in_date_order()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var journal = scope.ServiceProvider.GetRequiredService<Journal>();
            var fund = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Funds, f => f.Slug == "lviv");
            var owner = new FundAccountOwner(fund.Id, fund.Code, fund.Name);
            for (var i = 0; i < 150; i++)
            {
                // Dates out of posting order: the journal is ordered by date, then entry.
                var amount = new Money(100 + i, Currency.EUR);
                await journal.PostAsync(new JournalDraft(new DateOnly(2026, 1, 1).AddDays(i % 40), $"Paging {i}", $"test:paging:{i}",
                    [DraftLine.Debit(new AccountRef(AccountKind.FundSpending, Currency.EUR, owner), amount), DraftLine.Credit(
                        new AccountRef(AccountKind.Bank, Currency.EUR),
                        amount)], fund.Id), CancellationToken.None);
            }

            await db.SaveChangesAsync();
        }

        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        var first = await finance.GetStringAsync("/finance?fund=lviv");
        var older = Link(first, "Older entries");
        Assert.Null(Link(first, "Newer entries"));
        var second = await finance.GetStringAsync(older!);
        Assert.Null(Link(second, "Older entries"));
        var backToFirst = await finance.GetStringAsync(Link(second, "Newer entries")!);

        var (one, two) = (Entries(first), Entries(second));
        Assert.Equal(100, one.Count);
        Assert.Equal(51, two.Count); // 150 spending entries and the fund's opening balance
        Assert.Empty(one.Select(e => e.Id).Intersect(two.Select(e => e.Id)));
        var all = one.Concat(two).ToList();
        Assert.Equal(all.OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).ToList(), all);
        Assert.Equal(one, Entries(backToFirst));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await finance.GetAsync("/finance?before=yesterday")).StatusCode);
    }

    private static string? Link(string page, string text)
    {
        var match = Regex.Match(page, $"<a href=\"([^\"]+)\">{text}</a>");
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    private static List<(long Id, string Date)> Entries(string page) =>
        [.. EntryRow().Matches(page[page.IndexOf("id=\"journal-table\"", StringComparison.Ordinal)..])
            .Select(m => (long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value))
            .Distinct()];

    [GeneratedRegex(@"<td>(\d+)</td>\s*<td>(\d{4}-\d{2}-\d{2})</td>")]
    private static partial Regex EntryRow();
}

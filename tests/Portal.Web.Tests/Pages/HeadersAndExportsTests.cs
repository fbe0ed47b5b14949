using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

public class HeadersAndExportsTests
{
    [Fact]
    public async Task Pages_forbid_framing_and_foreign_scripts()
    {
        await using var portal = await PortalFactory.CreateAsync();

        var response = await portal.Browser().GetAsync("/funds/nairobi/sponsor");

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick=", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_donor_downloads_their_gifts_and_the_journal_export_matches_the_ledger()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, "ada@example.org");
        await donor.SignInAsync(portal, "ada@example.org");
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        var gifts = await CsvAsync(donor, "/account?handler=Csv");
        var journal = await CsvAsync(finance, "/finance?handler=Csv&fund=nairobi");

        var charge = await portal.QueryAsync(db => db.Charges.SingleAsync());
        Assert.Equal("date,fund,amount,currency,status,receipt", gifts[0]);
        Assert.EndsWith($",Children's Village Nairobi,30.00,EUR,Paid,{charge.ReceiptNumber}", gifts[1], StringComparison.Ordinal);
        // The page's CSV is the journal export (docs/exports.md), for the fund chosen.
        Assert.Equal("entry_id,date,description,idempotency_key,account_code,account_name,fund_code,debit,credit,currency", journal[0]);
        var rows = journal.Skip(1).Select(line => line.Split(',')).ToList();
        var lines = await portal.QueryAsync(db => db.JournalLines
            .CountAsync(l => db.JournalEntries.Any(e => e.Id == l.JournalEntryId && db.Funds.Any(f => f.Id == e.FundId && f.Slug == "nairobi"))));
        Assert.Equal(lines, rows.Count);
        Assert.Equal(rows.Sum(r => Parse(r[^3])), rows.Sum(r => Parse(r[^2])));
        Assert.Contains(rows, r => r[4] == "4000-KEN01-EUR" && r[^2] == "30.00");
    }

    private static decimal Parse(string text) => text.Length == 0 ? 0 : decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string[]> CsvAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), "Excel needs the byte-order mark to read UTF-8");
        return Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}

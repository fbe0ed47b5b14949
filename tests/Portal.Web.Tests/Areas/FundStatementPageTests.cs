using System.Net;
using System.Text;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Pages;

namespace Portal.Web.Tests.Areas;

/// <summary>Finance reads a fund's statement for a period, exports it, and gets a clear answer for a bad period.</summary>
public class FundStatementPageTests
{
    [Fact]
    public async Task Finance_reads_and_exports_a_statement_that_matches_the_gift_and_spending()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var added = await finance.PostAsync("/finance/spending", new Dictionary<string, string>
        {
            ["Line.Fund"] = "nairobi",
            ["Line.Category"] = "education",
            ["Line.Date"] = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Line.Amount"] = "12.50",
            ["Line.Currency"] = "EUR",
            ["Line.Description"] = "Books",
        }, action: "/finance/spending?handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var from = today.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var page = await finance.TextAsync($"/finance/statements?fund=nairobi&from={from}&to={to}");
        var csv = Encoding.UTF8.GetString(
            await (await finance.GetAsync($"/finance/statements?handler=Csv&fund=nairobi&from={from}&to={to}")).Content.ReadAsByteArrayAsync())
            .TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var bad = await finance.GetAsync($"/finance/statements?fund=nairobi&from={to}&to={from}");

        Assert.Contains("Spent on education", page, StringComparison.Ordinal);
        Assert.Contains("Donors who gave", page, StringComparison.Ordinal);
        var header = csv[0].Split(',');
        var row = csv[1].Split(',');
        string Column(string name) => row[Array.IndexOf(header, name)];
        Assert.Equal("EUR", Column("currency"));
        Assert.Equal("30.00", Column("gifts"));
        Assert.Equal("12.50", Column("spent"));
        Assert.Equal("12.50", Column("spent_education"));
        Assert.Equal("1", Column("donors"));
        Assert.Equal("0.00", Column("refunds"));
        Assert.Equal("0.00", Column("disputes"));
        Assert.Equal("EUR", Column("reporting_currency"));
        Assert.Equal("30.00", Column("gifts_in_reporting_currency"));
        Assert.Contains("Disputes and bank returns", page, StringComparison.Ordinal);
        Assert.Equal(decimal.Parse(Column("opening"), System.Globalization.CultureInfo.InvariantCulture)
            + decimal.Parse(Column("net"), System.Globalization.CultureInfo.InvariantCulture) - 12.50m,
            decimal.Parse(Column("closing"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("before its start", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Communications_staff_cannot_read_statements()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var communications = portal.Browser();
        await communications.SignInAsStaffAsync(portal, "Communications");

        Assert.False((await communications.GetAsync("/finance/statements")).IsSuccessStatusCode);
        Assert.False((await communications.GetAsync("/finance/statements?handler=Csv")).IsSuccessStatusCode);
    }
}

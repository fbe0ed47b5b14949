using System.Globalization;
using System.Net;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Pages;

namespace Portal.Web.Tests.Areas;

/// <summary>/finance charts income, spending and fees per month, with a text alternative, a table and a CSV of the same figures.</summary>
public class FinanceDashboardTests
{
    [Fact]
    public async Task The_dashboard_charts_this_months_gift_spending_and_fee_and_the_csv_has_the_same_figures()
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
            ["Line.Date"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Line.Amount"] = "12.50",
            ["Line.Currency"] = "EUR",
            ["Line.Description"] = "Books",
        }, action: "/finance/spending?handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var page = await finance.TextAsync("/finance");
        var csv = ExportFiles.Csv(await (await finance.GetAsync("/finance?handler=MonthlyCsv")).Content.ReadAsByteArrayAsync());

        Assert.Contains("aria-label=\"Income and spending of Children's Village Nairobi in EUR per month", page, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Processing fees of all funds in EUR per month", page, StringComparison.Ordinal);
        Assert.Contains("<polyline", page, StringComparison.Ordinal);
        Assert.Equal(["fund_code", "fund_name", "month", "currency", "income", "spending", "fees"], csv[0]);
        var row = Assert.Single(csv.Skip(1), r => r[0] == "KEN01");
        Assert.Equal(new DateOnly(today.Year, today.Month, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row[2]);
        Assert.Equal(["EUR", "30.00", "12.50"], row[3..6]);
        Assert.Contains(
            $"<td class=\"num\">30.00</td>\n                    <td class=\"num\">12.50</td>\n                    <td class=\"num\">{row[6]}</td>",
            page,
            StringComparison.Ordinal);
    }
}

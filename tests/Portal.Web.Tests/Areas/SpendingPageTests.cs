using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Spending;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Areas;

/// <summary>Finance records spending by hand or from a CSV; a bad file writes nothing and says which rows; the export reads back.</summary>
public class SpendingPageTests
{
    [Fact]
    public async Task Finance_imports_a_file_is_told_every_bad_row_records_a_line_and_exports_what_it_imported()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        var bad = await UploadAsync(
            finance,
            "fund,category,date,amount,currency,description,reference\nnairobi,education,2026-01-05,10,EUR,Good,A-1\n"
                + "nairobi,toys,2026-01-05,10,EUR,Bad category,A-2\n");
        var badPage = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Nothing was imported", badPage, StringComparison.Ordinal);
        Assert.Matches(@"<td>3</td><td>category</td>", badPage);
        Assert.Equal(0, await portal.QueryAsync(db => db.SpendingRecords.CountAsync()));

        var good = await UploadAsync(
            finance,
            "fund,category,date,amount,currency,description,reference\nnairobi,education,2026-01-05,10.50,EUR,School books,A-1\n"
                + "KEN01,daily_care,2026-01-06,99,EUR,\"Food, fresh\",A-2\n");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var added = await finance.PostAsync("/finance/spending", new Dictionary<string, string>
        {
            ["Line.Fund"] = "nairobi",
            ["Line.Category"] = "health_care",
            ["Line.Date"] = "2026-01-07",
            ["Line.Amount"] = "20",
            ["Line.Currency"] = "EUR",
            ["Line.Description"] = "<img src=x onerror=alert(1)>",
            ["Line.Reference"] = "",
        }, action: "/finance/spending?handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var refused = await finance.PostAsync("/finance/spending", new Dictionary<string, string>
        {
            ["Line.Fund"] = "nairobi",
            ["Line.Category"] = "health_care",
            ["Line.Date"] = "tomorrow",
            ["Line.Amount"] = "x",
            ["Line.Currency"] = "EUR",
            ["Line.Description"] = "Bad",
        }, action: "/finance/spending?handler=Add");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("YYYY-MM-DD", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var page = await finance.GetAsync("/finance/spending?fund=nairobi");
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        var csv = Encoding.UTF8.GetString(await (await finance.GetAsync("/finance/spending?handler=Csv")).Content.ReadAsByteArrayAsync())
            .TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(SpendingBook.Header, lines[0]);
        Assert.Equal(3, lines.Length - 1);
        Assert.Contains("KEN01,daily_care,2026-01-06,99.00,EUR,\"Food, fresh\",A-2", lines);
        var rows = CsvRows.Read(new StringReader(csv)).Skip(1).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(12950, await portal.QueryAsync(db => db.SpendingRecords.SumAsync(s => s.AmountMinor)));
    }

    [Fact]
    public async Task Communications_staff_and_donors_cannot_see_or_record_spending()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var communications = portal.Browser();
        await communications.SignInAsStaffAsync(portal, "Communications");
        var visitor = portal.Browser();

        foreach (var client in new[] { communications, visitor })
        {
            Assert.False((await client.GetAsync("/finance/spending")).IsSuccessStatusCode);
            Assert.False((await client.GetAsync("/finance/spending?handler=Csv")).IsSuccessStatusCode);
        }
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv)
    {
        var token = Forms.Token(await client.GetStringAsync("/finance/spending"));
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "spending.csv");
        return await client.PostAsync("/finance/spending?handler=Import", form);
    }
}

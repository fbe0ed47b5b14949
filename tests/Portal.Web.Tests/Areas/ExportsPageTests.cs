using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Exports;
using Portal.Core.Hosting;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Pages;

namespace Portal.Web.Tests.Areas;

/// <summary>
/// Finance downloads exports as CSV and XLSX that agree with the ledger; bad input gets the form back with reasons;
/// nobody else gets in. The refusals share one portal; the test that reads the whole ledger has its own.
/// </summary>
public class ExportsPageTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    [Fact]
    public async Task Finance_downloads_the_journal_as_csv_and_xlsx_and_both_agree_with_the_ledger()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var period = $"from={today.AddDays(-2):yyyy-MM-dd}&to={today.AddDays(2):yyyy-MM-dd}";

        Assert.Contains("Download", await finance.TextAsync("/finance/exports"), StringComparison.Ordinal);
        var csvResponse = await finance.GetAsync($"/finance/exports?handler=Download&data=journal&format=csv&fund=nairobi&{period}");
        var xlsxResponse = await finance.GetAsync($"/finance/exports?handler=Download&data=journal&format=xlsx&fund=nairobi&{period}");
        var charges = ExportFiles.Csv(
            await (await finance.GetAsync($"/finance/exports?handler=Download&data=charges&format=csv&{period}")).Content.ReadAsByteArrayAsync());
        var statements = ExportFiles.Xlsx(await (await finance.GetAsync(
            $"/finance/exports?handler=Download&data=statements&format=xlsx&fund=nairobi&{period}")).Content.ReadAsByteArrayAsync());

        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", xlsxResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var csv = ExportFiles.Csv(await csvResponse.Content.ReadAsByteArrayAsync());
        var xlsx = ExportFiles.Xlsx(await xlsxResponse.Content.ReadAsByteArrayAsync());
        var ledger = await portal.QueryAsync(db => db.JournalLines
            .Where(l => db.JournalEntries.Any(e => e.Id == l.JournalEntryId && db.Funds.Any(f => f.Id == e.FundId && f.Slug == "nairobi")))
            .GroupBy(l => l.Account!.Code).Select(g => new { g.Key, Sum = g.Sum(l => l.AmountMinor) }).ToListAsync());
        foreach (var file in new[] { csv, xlsx })
        {
            Assert.Equal(JournalExport.Columns, file[0]);
            var byAccount = file.Skip(1).GroupBy(r => r[4]).ToDictionary(g => g.Key, g => g.Sum(r => Amount(r[7]) - Amount(r[8])));
            Assert.Equal(ledger.ToDictionary(l => l.Key, l => l.Sum / 100m), byAccount);
        }

        var charge = Assert.Single(charges.Skip(1));
        Assert.Equal("30.00", charge[Array.IndexOf(charges[0], "amount")]);
        Assert.Equal("KEN01", statements[1][0]);
        Assert.Equal("30.00", statements[1][Array.IndexOf(statements[0], "gifts")]);
    }

    [Theory]
    [InlineData("data=journal&format=csv&from=yesterday", "From: 'yesterday' is not a date; write it as YYYY-MM-DD.")]
    [InlineData("data=journal&format=csv&from=2026-03-02&to=2026-03-01", "The end of the period (To) is before its start (From).")]
    [InlineData("data=statements&format=xlsx&from=2010-01-01&to=2026-03-01", "A statement covers at most ten years.")]
    [InlineData("data=ledger&format=pdf&fund=atlantis", "Choose CSV or XLSX.")]
    [InlineData("data=journal&format=csv&fund=atlantis", "There is no fund 'atlantis'.")]
    public async Task Bad_input_gets_the_form_back_with_a_reason_and_no_file(string query, string message)
    {
        var portal = await shared.GetAsync();
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        var response = await finance.GetAsync("/finance/exports?handler=Download&" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_offers_this_month_and_a_statement_without_dates_is_this_months_or_the_month_of_the_end_given()
    {
        var portal = await shared.GetAsync();
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");
        var today = portal.Services.GetRequiredService<CharityCalendar>().Today;
        var first = new DateOnly(today.Year, today.Month, 1);
        string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var form = await finance.TextAsync("/finance/exports");
        var thisMonth = await finance.GetAsync("/finance/exports?handler=Download&data=statements&format=csv&fund=nairobi&from=&to=");
        var march = await finance.GetAsync("/finance/exports?handler=Download&data=statements&format=csv&fund=nairobi&to=2026-03-10");
        var journal = await finance.GetAsync("/finance/exports?handler=Download&data=journal&format=csv&from=&to=");

        Assert.Contains($"id=\"from\" name=\"from\" type=\"date\" value=\"{Day(first)}\"", form, StringComparison.Ordinal);
        Assert.Contains($"id=\"to\" name=\"to\" type=\"date\" value=\"{Day(first.AddMonths(1).AddDays(-1))}\"", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, thisMonth.StatusCode);
        Assert.Equal(
            $"statements-KEN01-{Day(first)}-to-{Day(first.AddMonths(1).AddDays(-1))}.csv",
            thisMonth.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("KEN01", ExportFiles.Csv(await thisMonth.Content.ReadAsByteArrayAsync())[1][0]);
        Assert.Equal("statements-KEN01-2026-03-01-to-2026-03-10.csv", march.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        // Other exports keep an open period: the whole journal.
        Assert.Equal("journal.csv", journal.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task Only_finance_staff_may_export()
    {
        var portal = await shared.GetAsync();
        var email = SharedPortal.Email();
        var communications = portal.Browser();
        await communications.SignInAsStaffAsync(portal, "Communications");
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, email);
        await donor.SignInAsync(portal, email);
        const string url = "/finance/exports?handler=Download&data=journal&format=csv";

        Assert.False((await communications.GetAsync(url)).IsSuccessStatusCode);
        Assert.False((await communications.GetAsync("/finance/exports")).IsSuccessStatusCode);
        var asDonor = await donor.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, asDonor.StatusCode);
        Assert.StartsWith(
            "/staff/login",
            asDonor.Headers.Location?.AbsolutePath ?? asDonor.Headers.Location?.OriginalString,
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().GetAsync(url)).StatusCode);
    }

    private static decimal Amount(string text)
        => text.Length == 0 ? 0 : decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Pdf.IO;
using Portal.Core.Spending;
using Portal.Core.Transparency;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

/// <summary>The public report: published only, with charts beside their tables, sanitised stories, a PDF, and a link from the fund's page.</summary>
public class TransparencyPageTests
{
    [Fact]
    public async Task A_published_report_is_shown_and_downloadable_and_a_draft_is_not_found()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var nairobi = await portal.QueryAsync(db => db.Funds.SingleAsync(f => f.Slug == "nairobi"));
        await portal.RecordNairobiSpending2025Async();
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BuildTransparencyReports>().BuildAsync(ReportPeriod.Year(2025), CancellationToken.None);
            var id = await portal.QueryAsync(
                db => db.TransparencyReports.Where(r => r.FundId == nairobi.Id && r.PeriodKey == "2025").Select(r => r.Id).SingleAsync());
            Assert.Null(await scope.ServiceProvider.GetRequiredService<EditTransparencyReport>().SaveAsync(
                id, [new ReportOutcome(
                    "children in care",
                    112)], "The **new library** opened.<script>alert(1)</script>", "s", "comms@example.org", CancellationToken.None));
            Assert.Null(await scope.ServiceProvider.GetRequiredService<PublishTransparencyReport>()
                .PublishAsync(id, true, "s", "comms@example.org", CancellationToken.None));
        }

        var browser = portal.Browser();
        var response = await browser.GetAsync("/transparency/nairobi/2025");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("how the money was used in 2025", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("<figcaption id=\"spending-caption\">Spending by category", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        Assert.Contains("Balance at the end", html, StringComparison.Ordinal);
        Assert.Contains("children in care", html, StringComparison.Ordinal);
        Assert.Contains("<strong>new library</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/transparency/nairobi/2025.pdf\"", html, StringComparison.Ordinal);

        foreach (var url in new[] {
            "/transparency/gulu/2025",
            "/transparency/nairobi/2024",
            "/transparency/nairobi/2025-q9",
            "/transparency/atlantis/2025",
            "/transparency/gulu/2025.pdf" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(url)).StatusCode);
        }

        foreach (var url in new[] { "/transparency/nairobi/2025.pdf", "/transparency/nairobi/2025?format=pdf" })
        {
            var pdf = await browser.GetAsync(url);
            var bytes = await pdf.Content.ReadAsByteArrayAsync();
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
            using var document = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
            Assert.True(document.PageCount >= 1);
        }

        Assert.Contains("href=\"/transparency/nairobi/2025\"", await browser.TextAsync("/funds/nairobi"), StringComparison.Ordinal);
        Assert.DoesNotContain("/transparency/", await browser.TextAsync("/funds/gulu"), StringComparison.Ordinal);
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Pdf.IO;
using Portal.Core.Transparency.TaxStatements;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

/// <summary>/account/tax-statements/{year}: a donor's own statement as a PDF, for the years they gave in, and nobody else's.</summary>
public class TaxStatementPageTests
{
    [Fact]
    public async Task A_donor_downloads_their_own_statement_and_no_other_year_or_donor()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var ada = portal.Browser();
        var grace = portal.Browser();
        await DonorPathTests.GiveAsync(portal, ada, "ada@example.org");
        await DonorPathTests.GiveAsync(portal, grace, "grace@example.org");
        // Grace's gift moved to the year before: a year only she gave in.
        var graces = await portal.QueryAsync(db => db.Charges.Where(
            c => db.Sponsorships.Any(
                s => s.Id == c.SponsorshipId && db.Donors.Any(d => d.Id == s.DonorId && d.Email == "grace@example.org"))).SingleAsync());
        var paidAt = graces.SucceededAt!.Value;
        await portal.QueryAsync(
            db => db.Charges.Where(c => c.Id == graces.Id).ExecuteUpdateAsync(set => set.SetProperty(c => c.SucceededAt, paidAt.AddYears(-1))));
        var year = TimeZoneInfo.ConvertTimeFromUtc(paidAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Vienna")).Year;
        await ada.SignInAsync(portal, "ada@example.org");
        await grace.SignInAsync(portal, "grace@example.org");

        var own = await ada.GetAsync($"/account/tax-statements/{year}");
        var dashboard = await ada.TextAsync("/account");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
        using (var document = PdfReader.Open(await own.Content.ReadAsStreamAsync(), PdfDocumentOpenMode.Import))
        {
            Assert.True(document.PageCount >= 1);
        }

        Assert.Contains($"href=\"/account/tax-statements/{year}\"", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain($"/account/tax-statements/{year - 1}", dashboard, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await ada.GetAsync($"/account/tax-statements/{year - 1}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ada.GetAsync($"/account/tax-statements/{year - 5}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await grace.GetAsync($"/account/tax-statements/{year - 1}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await grace.GetAsync($"/account/tax-statements/{year}")).StatusCode);
        var stranger = await portal.Browser().GetAsync($"/account/tax-statements/{year}");
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.StartsWith("/account/sign-in", stranger.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        // Grace's year has ended: her statement is issued, and Communications staff see it counted.
        var graceId = await portal.QueryAsync(db => db.Donors.Where(d => d.Email == "grace@example.org").Select(d => d.Id).SingleAsync());
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            Assert.Equal(
                TaxStatementIssue.Issued,
                await scope.ServiceProvider.GetRequiredService<IssueTaxStatement>().IssueAsync(graceId, year - 1, CancellationToken.None));
        }

        // The Communications home shows the counts the ten-minute job makes.
        await portal.Services.GetRequiredService<Portal.Core.Communications.Audiences.AudienceCounts>().CountAsync(CancellationToken.None);
        var staff = portal.Browser();
        await staff.SignInAsStaffAsync(portal, "Communications");
        Assert.Matches($@"<td>{year - 1}</td><td class=""num"">1</td>", await staff.TextAsync("/communications"));
    }
}

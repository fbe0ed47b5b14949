using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Privacy;
using Portal.Core.Staff;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

/// <summary>
/// The donor's privacy page over HTTP: their data as JSON and CSV downloads that no cache keeps and that hold nothing
/// of another donor; erasure only once confirmed, which ends every session and keeps the books. Finance carries out a
/// request by post: a copy of the donor's data (audited), or the erasure with the letter's reference in the audit trail.
/// </summary>
public class PrivacyPagesTests
{
    [Fact]
    public async Task The_donor_downloads_their_own_data_as_JSON_and_CSV_and_no_cache_keeps_it()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var ada = portal.Browser();
        await DonorPathTests.GiveAsync(portal, ada, "ada@example.org");
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ben@example.org");
        // A name typed to run as a formula in the finance officer's spreadsheet.
        await portal.QueryAsync(db => db.Donors.Where(d => d.Email == "ada@example.org")
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.Name, "=HYPERLINK(\"http://evil.test\")")));
        await ada.SignInAsync(portal, "ada@example.org");
        var gift = Assert.Single(await GiftsAsync(portal, "ada@example.org"));
        var ben = Assert.Single(await GiftsAsync(portal, "ben@example.org")).Id;

        var json = await ada.GetAsync("/account/privacy?handler=Json");
        var csv = await ada.GetAsync("/account/privacy?handler=Csv");

        foreach (var (answer, type, extension) in new[] { (json, "application/json", "json"), (csv, "text/csv", "csv") })
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(type, answer.Content.Headers.ContentType?.MediaType);
            Assert.True(answer.Headers.CacheControl?.NoStore, $"the {extension} download may be cached");
            Assert.Equal("attachment", answer.Content.Headers.ContentDisposition?.DispositionType);
            Assert.EndsWith($".{extension}", answer.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        }

        using var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal("ada@example.org", root.GetProperty("profile")[0].GetProperty("email").GetString());
        var gifts = root.GetProperty("gifts");
        Assert.Equal(gift.Id.ToString(), gifts[0].GetProperty("id").GetString());
        Assert.Equal(gift.AmountMinor, gifts[0].GetProperty("amountMinor").GetInt64());
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var table = new UTF8Encoding(false).GetString(bytes[3..]);
        Assert.StartsWith("section,item,field,value\r\n", table, StringComparison.Ordinal);
        Assert.Contains("profile,1,email,ada@example.org\r\n", table, StringComparison.Ordinal);
        Assert.Contains($"gifts,1,id,{gift.Id}\r\n", table, StringComparison.Ordinal);
        Assert.Contains("profile,1,name,\"'=HYPERLINK(\"\"http://evil.test\"\")\"\r\n", table, StringComparison.Ordinal);
        foreach (var text in new[] { root.GetRawText(), table })
        {
            Assert.DoesNotContain("ben@example.org", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(ben.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().GetAsync("/account/privacy?handler=Csv")).StatusCode);
    }

    [Fact]
    public async Task Erasure_needs_the_box_ticked_then_ends_every_session_and_keeps_the_gifts()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        var cookies = new CookieContainer();
        using var ada = portal.CreateDefaultClient(new CookieContainerHandler(cookies));
        await ada.SignInAsync(portal, "ada@example.org");
        using var laptop = portal.Browser();
        await laptop.SignInAsync(portal, "ada@example.org");
        var before = await portal.QueryAsync(db => db.Donors.AsNoTracking().SingleAsync(d => d.Email == "ada@example.org"));
        var gifts = await GiftsAsync(portal, before.Id);
        Assert.Single(gifts);

        var unticked = await ada.PostAsync("/account/privacy", new Dictionary<string, string>(), action: "/account/privacy?handler=Erase");

        Assert.Equal(HttpStatusCode.OK, unticked.StatusCode);
        Assert.Contains("Tick the box to confirm", WebUtility.HtmlDecode(await unticked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var untouched = await portal.QueryAsync(db => db.Donors.AsNoTracking().SingleAsync(d => d.Id == before.Id));
        Assert.Equal((before.Name, before.Email, (DateTime?)null), (untouched.Name, untouched.Email, untouched.ErasedAt));
        Assert.Equal(0, await portal.QueryAsync(db => db.ErasureRequests.CountAsync()));

        var erased = await ada.PostAsync(
            "/account/privacy", new Dictionary<string, string> { ["Input.Confirm"] = "true" }, action: "/account/privacy?handler=Erase");

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var after = await portal.QueryAsync(db => db.Donors.AsNoTracking().SingleAsync(d => d.Id == before.Id));
        Assert.Equal(Pseudonyms.Name, after.Name);
        Assert.NotEqual(before.Email, after.Email);
        Assert.NotNull(after.ErasedAt);
        Assert.Equal(0, await portal.QueryAsync(db => db.Donors.CountAsync(d => d.Email == "ada@example.org")));
        Assert.Equal(gifts, await GiftsAsync(portal, before.Id));
        foreach (var browser in new[] { ada, laptop })
        {
            var account = await browser.GetAsync("/account");
            Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
            Assert.StartsWith("/account/sign-in", PathOf(account), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Finance_finds_a_donor_sends_their_data_and_erases_them_with_the_letters_reference_which_others_cannot()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        var donorId = await portal.QueryAsync(db => db.Donors.Where(d => d.Email == "ada@example.org").Select(d => d.Id).SingleAsync());
        var finance = portal.Browser();
        var officer = await finance.SignInAsStaffAsync(portal, StaffRoles.Finance);

        var found = await finance.GetStringAsync("/finance/privacy?donor=ADA%40example.org");
        Assert.Contains(donorId.ToString(), found, StringComparison.Ordinal);
        Assert.Contains($"?handler=Export&amp;donor={donorId}&amp;format=csv", found, StringComparison.Ordinal);
        var copy = await finance.GetAsync($"/finance/privacy?handler=Export&donor={donorId}&format=json");
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        Assert.True(copy.Headers.CacheControl?.NoStore);
        using (var document = JsonDocument.Parse(await copy.Content.ReadAsStringAsync()))
        {
            Assert.Equal("ada@example.org", document.RootElement.GetProperty("profile")[0].GetProperty("email").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync($"/finance/privacy?handler=Export&donor={Guid.NewGuid()}")).StatusCode);
        var missing = await finance.GetStringAsync("/finance/privacy?donor=nobody%40example.org");
        Assert.Contains("No donor &#x27;nobody@example.org&#x27; was found.", missing, StringComparison.Ordinal);
        var noReference = await finance.PostAsync(
            "/finance/privacy?donor=ada%40example.org", new Dictionary<string, string> { ["Input.DonorId"] = donorId.ToString() });
        Assert.Equal(HttpStatusCode.OK, noReference.StatusCode);
        Assert.Contains("Give the letter", WebUtility.HtmlDecode(await noReference.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await portal.QueryAsync(db => db.Donors.Where(d => d.Id == donorId).Select(d => d.ErasedAt).SingleAsync()));

        var erased = await finance.PostAsync(
            "/finance/privacy?donor=ada%40example.org",
            new Dictionary<string, string> { ["Input.DonorId"] = donorId.ToString(), ["Input.Reference"] = "Letter of 2 Dec 2026, file 17" });

        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        Assert.Contains($"Donor {donorId} is erased", await finance.GetStringAsync("/finance/privacy"), StringComparison.Ordinal);
        Assert.NotNull(await portal.QueryAsync(db => db.Donors.Where(d => d.Id == donorId).Select(d => d.ErasedAt).SingleAsync()));
        var request = await portal.QueryAsync(db => db.ErasureRequests.AsNoTracking().SingleAsync());
        Assert.Equal(ErasureSource.Post, request.Source);
        var audit = await portal.QueryAsync(db => db.AuditRecords.Where(r => r.ActorName == officer.Email)
            .Select(r => r.Action + " " + r.Details).ToListAsync());
        Assert.Contains("privacy.data-exported JSON", audit);
        Assert.Contains(audit, a => a.StartsWith("privacy.erasure-requested", StringComparison.Ordinal)
            && a.Contains("Letter of 2 Dec 2026, file 17", StringComparison.Ordinal));

        var communications = portal.Browser();
        await communications.SignInAsStaffAsync(portal, StaffRoles.Communications);
        var wrongRole = await communications.GetAsync("/finance/privacy");
        Assert.True(
            wrongRole.StatusCode == HttpStatusCode.Forbidden || PathOf(wrongRole)?.StartsWith("/status/403", StringComparison.Ordinal) == true,
            $"Communications got {(int)wrongRole.StatusCode} {wrongRole.Headers.Location}");
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, "ben@example.org");
        await donor.SignInAsync(portal, "ben@example.org");
        var refused = await donor.GetAsync("/finance/privacy");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/staff/login", PathOf(refused), StringComparison.Ordinal);
    }

    /// <summary>Where a redirect points, as a path whether the answer gave it relative or absolute.</summary>
    private static string? PathOf(HttpResponseMessage answer) => answer.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private sealed record Gift(Guid Id, long AmountMinor, string Status);

    private static async Task<List<Gift>> GiftsAsync(PortalFactory portal, string email) =>
        await GiftsAsync(portal, await portal.QueryAsync(db => db.Donors.Where(d => d.Email == email).Select(d => d.Id).SingleAsync()));

    private static async Task<List<Gift>> GiftsAsync(PortalFactory portal, Guid donorId)
    {
        var charges = await portal.QueryAsync(db => db.Charges
            .Where(c => db.Sponsorships.Any(s => s.Id == c.SponsorshipId && s.DonorId == donorId))
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.AmountMinor, c.Status }).ToListAsync());
        return charges.Select(c => new Gift(c.Id, c.AmountMinor, c.Status.ToString())).ToList();
    }
}

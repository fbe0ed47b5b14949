using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Donors;
using Portal.Core.Languages;
using Portal.Core.Sponsorships;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;
using SkiaSharp;

namespace Portal.Web.Tests.Areas;

/// <summary>
/// Communications writes, previews, tests and sends an update through the pages; the donor's mail client unsubscribes
/// with one click (RFC 8058) and gets no more bulk mail. A real SMTP server in the test process receives everything.
/// </summary>
public class ImpactUpdatePagesTests
{
    [Fact]
    public async Task An_update_is_written_previewed_tested_sent_watched_and_a_one_click_unsubscribe_stops_the_next()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var portal = await PortalFactory.CreateAsync(overrides: Smtp(smtp));
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        var nairobi = await portal.QueryAsync(db => db.Funds.Where(f => f.Slug == "nairobi").Select(f => f.Id).SingleAsync());
        await AddSponsorAsync(portal, "ada@example.org", nairobi);
        await AddSponsorAsync(portal, "bob@example.org", nairobi);

        var invalid = await comms.PostAsync("/communications/updates/edit", Fields(nairobi, title: ""));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var saved = await comms.PostAsync("/communications/updates/edit", Fields(nairobi));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var details = saved.Headers.Location!.OriginalString;
        var page = await comms.TextAsync(details);
        Assert.Contains("It would go to 2 donors now", Regex.Replace(page, "<[^>]+>", ""), StringComparison.Ordinal);
        Assert.Contains("srcdoc=", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", await comms.GetStringAsync(details), StringComparison.Ordinal);

        var test = await comms.PostAsync(details, new Dictionary<string, string>(), action: details + "?handler=Test");
        Assert.Equal(HttpStatusCode.Redirect, test.StatusCode);
        var testMessage = Assert.Single(smtp.Messages);
        Assert.StartsWith("[Test] Roofs before the rains", testMessage.Subject, StringComparison.Ordinal);
        Assert.StartsWith("communications-", testMessage.To.Mailboxes.Single().Address, StringComparison.Ordinal);
        smtp.Messages.Clear();

        var version = await portal.QueryAsync(db => db.ImpactUpdates.Select(u => u.Version).SingleAsync());
        var send = await comms.PostAsync(
            details,
            new Dictionary<string, string> { ["version"] = version.ToString(CultureInfo.InvariantCulture) },
            action: details + "?handler=Send");
        Assert.Equal(HttpStatusCode.Redirect, send.StatusCode);
        var queued = JsonDocument.Parse(await comms.GetStringAsync(details + "?handler=Progress")).RootElement;
        // The send job's first step, alone: the update is sending, its audience not counted yet.
        await portal.QueryAsync(db => db.ImpactUpdates.ExecuteUpdateAsync(set => set.SetProperty(u => u.Status, UpdateStatus.Sending)));
        var preparing = JsonDocument.Parse(await comms.GetStringAsync(details + "?handler=Progress")).RootElement;
        var preparingPage = await comms.TextAsync(details);
        var panel = preparingPage[preparingPage.IndexOf("id=\"send-progress\"", StringComparison.Ordinal)..];
        panel = panel[..panel.IndexOf("</dl>", StringComparison.Ordinal)];
        Assert.Equal(("queued", JsonValueKind.Null), (queued.GetProperty("state").GetString(), queued.GetProperty("due").ValueKind));
        Assert.Equal(
            ("preparing", "Preparing…", JsonValueKind.Null, JsonValueKind.Null),
            (preparing.GetProperty("state").GetString(), preparing.GetProperty("stateText").GetString(), preparing.GetProperty("percent").ValueKind,
                preparing.GetProperty("due").ValueKind));
        Assert.Contains("data-state=\"preparing\"", panel, StringComparison.Ordinal);
        Assert.Contains("Preparing…", WebUtility.HtmlDecode(panel), StringComparison.Ordinal);
        Assert.Contains("class=\"progress indeterminate\" role=\"progressbar\"", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-valuenow", panel, StringComparison.Ordinal);
        Assert.Contains("<dd data-field=\"Due\">–</dd>", panel, StringComparison.Ordinal);
        await portal.Services.GetRequiredService<UpdateSends>().RunAsync(CancellationToken.None);

        var progress = JsonDocument.Parse(await comms.GetStringAsync(details + "?handler=Progress")).RootElement;
        Assert.Equal(2, progress.GetProperty("due").GetInt32());
        Assert.Equal(2, progress.GetProperty("sent").GetInt32());
        Assert.Equal("Sent", progress.GetProperty("status").GetString());
        Assert.Equal(("done", 100), (progress.GetProperty("state").GetString(), progress.GetProperty("percent").GetInt32()));
        var report = await comms.TextAsync(details);
        Assert.Contains("data-run-progress", report, StringComparison.Ordinal);
        var csv = await comms.GetStringAsync(details + "?handler=Csv");
        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("ada@example.org", csv, StringComparison.Ordinal);
        Assert.Equal(["ada@example.org", "bob@example.org"], smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Order());

        // Ada's mail client: the one-click button POSTs to the List-Unsubscribe address, with no cookie and no token of ours.
        var ada = smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == "ada@example.org");
        var link = new Uri(ada.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        var client = portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var look = await client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, look.StatusCode);
        Assert.Equal(
            MailConsent.AllTopics,
            await portal.QueryAsync(db => db.Donors.Where(d => d.Email == "ada@example.org").Select(d => d.MailConsents).SingleAsync()));
        var oneClick = await client.PostAsync(
            link.PathAndQuery,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal(
            MailTopics.TransparencyReports | MailTopics.Appeals,
            await portal.QueryAsync(db => db.Donors.Where(d => d.Email == "ada@example.org").Select(d => d.MailConsents).SingleAsync()));
        var forged = await client.PostAsync(
            "/unsubscribe/CfDJ8forged",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        smtp.Messages.Clear();
        var second = await comms.PostAsync("/communications/updates/edit", Fields(nairobi, title: "Second"));
        var secondDetails = second.Headers.Location!.OriginalString;
        var secondVersion = await portal.QueryAsync(db => db.ImpactUpdates.Where(u => u.Title == "Second").Select(u => u.Version).SingleAsync());
        await comms.PostAsync(
            secondDetails,
            new Dictionary<string, string> { ["version"] = secondVersion.ToString(CultureInfo.InvariantCulture) },
            action: secondDetails + "?handler=Send");
        await portal.Services.GetRequiredService<UpdateSends>().RunAsync(CancellationToken.None);
        Assert.Equal(["bob@example.org"], smtp.Messages.Select(m => m.To.Mailboxes.Single().Address));
    }

    [Fact]
    public async Task An_update_can_be_written_for_each_language_the_portal_speaks_and_no_other()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        var nairobi = await portal.QueryAsync(db => db.Funds.Where(f => f.Slug == "nairobi").Select(f => f.Id).SingleAsync());

        foreach (var language in PortalLanguages.Supported)
        {
            var saved = await comms.PostAsync("/communications/updates/edit", Fields(nairobi, language: language));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var refused = await comms.PostAsync("/communications/updates/edit", Fields(nairobi, language: "pt"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("one of en, de, fr, es", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var languages = await portal.QueryAsync(db => db.ImpactUpdates.Select(u => u.Language).ToListAsync());
        Assert.Equal<string?>(PortalLanguages.Supported.Order(), languages.Order());
    }

    [Fact]
    public async Task Sending_to_all_donors_needs_the_count_typed_and_staff_of_other_areas_and_donors_cannot_open_the_pages()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        var nairobi = await portal.QueryAsync(db => db.Funds.Where(f => f.Slug == "nairobi").Select(f => f.Id).SingleAsync());
        await AddSponsorAsync(portal, "ada@example.org", nairobi);
        var fields = Fields(nairobi);
        fields["Input.Audience"] = UpdateAudienceKind.AllDonors.ToString();
        var saved = await comms.PostAsync("/communications/updates/edit", fields);
        var details = saved.Headers.Location!.OriginalString;
        var version = await portal.QueryAsync(db => db.ImpactUpdates.Select(u => u.Version).SingleAsync());

        var unconfirmed = await comms.PostAsync(
            details,
            new Dictionary<string, string> { ["version"] = version.ToString(CultureInfo.InvariantCulture), ["confirm"] = "5" },
            action: details + "?handler=Send");
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Type 1 to confirm", WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(UpdateStatus.Draft, await portal.QueryAsync(db => db.ImpactUpdates.Select(u => u.Status).SingleAsync()));
        var confirmed = await comms.PostAsync(
            details,
            new Dictionary<string, string> { ["version"] = version.ToString(CultureInfo.InvariantCulture), ["confirm"] = "1" },
            action: details + "?handler=Send");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(UpdateStatus.Scheduled, await portal.QueryAsync(db => db.ImpactUpdates.Select(u => u.Status).SingleAsync()));

        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");
        Assert.NotEqual(HttpStatusCode.OK, (await finance.GetAsync("/communications/updates")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await portal.Browser().GetAsync(details)).StatusCode);
        var draftPage = await portal.Browser().GetAsync("/updates/" + details.Split('/')[^1]);
        Assert.Equal(HttpStatusCode.NotFound, draftPage.StatusCode);
    }

    [Fact]
    public async Task An_uploaded_picture_is_resized_re_encoded_and_placed_in_the_body_and_a_file_that_is_no_picture_is_refused()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        var nairobi = await portal.QueryAsync(db => db.Funds.Where(f => f.Slug == "nairobi").Select(f => f.Id).SingleAsync());
        var saved = await comms.PostAsync("/communications/updates/edit", Fields(nairobi));
        var id = saved.Headers.Location!.OriginalString.Split('/')[^1];
        var edit = $"/communications/updates/edit/{id}";

        var refused = await UploadAsync(comms, edit, "not a picture"u8.ToArray(), "notes.png");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not a picture we can read", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var uploaded = await UploadAsync(comms, edit, Picture(2400, 1200), "roof.png");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var body = await portal.QueryAsync(db => db.ImpactUpdates.Select(u => u.BodyMarkdown).SingleAsync());
        var path = Regex.Match(body, @"\(/updates/images/([0-9a-f-]+)\)").Groups[0].Value.Trim('(', ')');
        var image = await portal.Browser().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        using var decoded = SKBitmap.Decode(await image.Content.ReadAsByteArrayAsync());
        Assert.Equal(UpdateImages.MaxWidth, decoded.Width);
        Assert.Equal(600, decoded.Height);
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string edit, byte[] bytes, string name)
    {
        var html = await client.GetStringAsync(edit);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Forms.Token(html)), "__RequestVerificationToken" },
            { new StringContent("A new roof on a family house"), "alt" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "picture", name);
        return await client.PostAsync(edit + "?handler=Image", form);
    }

    internal static byte[] Picture(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(200, 120, 40));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    internal static Dictionary<string, string> Fields(Guid fundId, string title = "Roofs before the rains", string language = "") => new()
    {
        ["Input.Title"] = title,
        ["Input.Body"] = "Twelve roofs are new. <script>alert(1)</script>",
        ["Input.Topic"] = MailTopics.ImpactUpdates.ToString(),
        ["Input.Audience"] = UpdateAudienceKind.FundSponsors.ToString(),
        ["Input.FundId"] = fundId.ToString(),
        ["Input.IncludeActive"] = "true",
        ["Input.Language"] = language,
        ["Input.Version"] = "0",
    };

    private static Dictionary<string, string?> Smtp(TestSmtpServer smtp) => new(smtp.SmtpSettings())
    {
        ["Updates:MessagesPerSecond"] = "0",
    };

    private static Task<int> AddSponsorAsync(PortalFactory portal, string email, Guid fundId) =>
        portal.QueryAsync(async db =>
        {
            var donor = new Donor
            {
                Email = email,
                NormalizedEmail = Donor.Normalize(email),
                Name = email.Split('@')[0],
                CountryCode = "AT",
                MailConsents = MailConsent.AllTopics,
                CreatedAt = DateTime.UtcNow
            };
            db.Donors.Add(donor);
            db.Sponsorships.Add(new Sponsorship
            {
                DonorId = donor.Id,
                FundId = fundId,
                AmountMinor = 3000,
                Currency = "EUR",
                Interval = SponsorshipInterval.Monthly,
                ChargeDay = 1,
                Status = SponsorshipStatus.Active,
                Gateway = "sandbox",
                CreatedAt = DateTime.UtcNow
            });
            return await db.SaveChangesAsync();
        });
}

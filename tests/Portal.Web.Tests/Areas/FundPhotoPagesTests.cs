using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Funds;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Areas;

/// <summary>A fund's photos in the funds editor: re-encoded, translated, confirmed on a public fund, audited, public only with the fund.</summary>
public class FundPhotoPagesTests
{
    [Fact]
    public async Task A_photo_added_to_a_draft_shows_on_the_published_page_with_its_translated_alt_text_and_no_metadata()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var comms = portal.Browser();
        await comms.SignInAsStaffAsync(portal, "Communications");
        var visitor = portal.Browser();
        var id = await FundsEditorPageTests.CreateAsync(comms, FundsEditorPageTests.Fields());
        var edit = $"{FundsEditorPageTests.Editor}/{id}";

        var noAlt = await UploadPhotoAsync(comms, edit, ImpactUpdatePagesTests.Picture(2400, 1200), alt: "");
        Assert.Equal(HttpStatusCode.BadRequest, noAlt.StatusCode);
        Assert.Contains(FundPhotos.AltTextNeeded, await FundsEditorPageTests.BodyAsync(noAlt), StringComparison.Ordinal);
        var notAPicture = await UploadPhotoAsync(comms, edit, "not a picture"u8.ToArray(), alt: "Houses");
        Assert.Equal(HttpStatusCode.BadRequest, notAPicture.StatusCode);
        Assert.Equal(0, await portal.QueryAsync(db => db.FundPhotos.CountAsync()));

        var added = await UploadPhotoAsync(comms, edit, ImpactUpdatePagesTests.Picture(2400, 1200), alt: "Family houses by a field");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var photo = await portal.QueryAsync(db => db.FundPhotos.SingleAsync());
        Assert.Equal((1200, 600), (photo.Width, photo.Height));
        var texts = await comms.PostAsync(edit, new Dictionary<string, string>
        {
            ["photoId"] = photo.Id.ToString(),
            ["alt"] = "Family houses by a field",
            ["caption"] = "The village in spring",
            ["texts[0].Language"] = "de",
            ["texts[0].AltText"] = "Familienhäuser an einem Feld",
            ["texts[0].Caption"] = "Das Dorf im Frühling",
        }, action: $"{edit}?handler=PhotoTexts");
        Assert.Equal(HttpStatusCode.Redirect, texts.StatusCode);

        // A draft's photo is not public; the editor sees it.
        var address = $"/funds/cusco/photos/{photo.Id}";
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(address)).StatusCode);
        Assert.Equal("image/jpeg", (await comms.GetAsync($"{edit}?handler=Photo&photoId={photo.Id}")).Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.Redirect, (await comms.PostAsync(edit, FundsEditorPageTests.Fields(status: "Open", confirmed: true))).StatusCode);
        var english = await visitor.TextAsync("/funds/cusco");
        Assert.Contains($"src=\"{address}\" alt=\"Family houses by a field\" width=\"1200\" height=\"600\"", english, StringComparison.Ordinal);
        Assert.Contains("<figcaption>The village in spring</figcaption>", english, StringComparison.Ordinal);
        Assert.Contains($"src=\"{address}\"", await visitor.TextAsync("/funds"), StringComparison.Ordinal);
        var german = portal.Browser();
        german.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        var page = WebUtility.HtmlDecode(await german.TextAsync("/funds/cusco"));
        Assert.Contains("alt=\"Familienhäuser an einem Feld\"", page, StringComparison.Ordinal);
        Assert.Contains("<figcaption>Das Dorf im Frühling</figcaption>", page, StringComparison.Ordinal);
        var served = await visitor.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(photo.Bytes, await served.Content.ReadAsByteArrayAsync());

        // On a public fund a photo needs the confirmation that no child can be recognised.
        var unconfirmed = await UploadPhotoAsync(comms, edit, ImpactUpdatePagesTests.Picture(800, 600), alt: "A classroom");
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains(FundPhotos.PhotoNeedsConfirmation, await FundsEditorPageTests.BodyAsync(unconfirmed), StringComparison.Ordinal);
        var confirmed = await UploadPhotoAsync(comms, edit, ImpactUpdatePagesTests.Picture(800, 600), "A classroom", confirmed: true);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var second = await portal.QueryAsync(db => db.FundPhotos.Where(p => p.Id != photo.Id).Select(p => p.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await comms.PostAsync(
            edit, new Dictionary<string, string> { ["photoId"] = second.ToString() }, action: $"{edit}?handler=MainPhoto")).StatusCode);
        var main = await visitor.TextAsync("/funds/cusco");
        Assert.Contains($"src=\"/funds/cusco/photos/{second}\" alt=\"A classroom\"", main, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await comms.PostAsync(
            edit, new Dictionary<string, string> { ["photoId"] = photo.Id.ToString() }, action: $"{edit}?handler=RemovePhoto")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(address)).StatusCode);
        Assert.DoesNotContain(address, await visitor.TextAsync("/funds/cusco"), StringComparison.Ordinal);
        var actions = await portal.QueryAsync(db => db.AuditRecords.Where(r => r.Subject == $"fund:{id}" && r.Action.StartsWith("fund.photo"))
            .OrderBy(r => r.Id).Select(r => r.Action).ToListAsync());
        Assert.Equal(["fund.photo-added", "fund.photo-texts", "fund.photo-added", "fund.photo-main", "fund.photo-removed"], actions);
    }

    internal static async Task<HttpResponseMessage> UploadPhotoAsync(
        HttpClient client, string edit, byte[] bytes, string alt, bool confirmed = false)
    {
        var html = await client.GetStringAsync(edit);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Forms.Token(html)), "__RequestVerificationToken" },
            { new StringContent(alt), "photoAlt" },
            { new StringContent(confirmed ? "true" : "false"), "photoConfirmed" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        form.Add(file, "photo", "houses.png");
        return await client.PostAsync(edit + "?handler=Photo", form);
    }
}

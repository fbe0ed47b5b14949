using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Testing;
using SkiaSharp;

namespace Portal.Core.Tests.Funds;

/// <summary>
/// A fund's photos are stored re-encoded without the uploaded file's metadata, read in the reader's language text by
/// text, need a confirmation on a public fund, and are audited.
/// </summary>
public class FundPhotosTests
{
    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_photo_loses_its_gps_position_and_reads_in_the_readers_language(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var fundId = await AddFundAsync(services, FundStatus.Draft);
        var upload = WithGpsPosition(Jpeg(1600, 900));
        Assert.True(Contains(upload, "GPS"u8));

        var added = await services.InScopeAsync(scope => scope.GetRequiredService<FundPhotos>()
            .AddAsync(fundId, upload, " Houses by a field ", "In spring", false, "staff-1", "comms@charity.example", CancellationToken.None));

        Assert.IsType<FundSaveResult.Saved>(added);
        await using var db = services.CreateContext();
        var photo = await db.FundPhotos.SingleAsync();
        Assert.Equal((1200, 675, "image/jpeg", "Houses by a field"), (photo.Width, photo.Height, photo.ContentType, photo.AltText));
        Assert.False(Contains(photo.Bytes, "GPS"u8));
        Assert.False(Contains(photo.Bytes, "Exif"u8));
        Assert.Equal("fund.photo-added", await db.AuditRecords.Select(r => r.Action).SingleAsync());

        var saved = await services.InScopeAsync(scope => scope.GetRequiredService<FundPhotos>().SaveTextsAsync(
            photo.Id, "Houses by a field", "In spring",
            [new FundPhotoTranslation { Language = "de", AltText = "Häuser an einem Feld" }, new FundPhotoTranslation { Language = "fr" }],
            false, "staff-1", "comms@charity.example", CancellationToken.None));
        Assert.IsType<FundSaveResult.Saved>(saved);

        await using var read = services.CreateContext();
        var german = (await FundPhotos.ForAsync(read, [fundId], "de-AT", CancellationToken.None))[fundId].Single();
        Assert.Equal(("Häuser an einem Feld", "In spring"), (german.AltText, german.Caption));
        var french = (await FundPhotos.ForAsync(read, [fundId], "fr", CancellationToken.None))[fundId].Single();
        Assert.Equal(("Houses by a field", "In spring"), (french.AltText, french.Caption));
        Assert.Equal(1, await read.FundPhotoTranslations.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task On_a_public_fund_a_photo_or_a_caption_that_may_name_a_child_needs_the_confirmation(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = PortalServices.Create(database);
        var fundId = await AddFundAsync(services, FundStatus.Open);
        Task<FundSaveResult> Add(bool confirmed) => services.InScopeAsync(scope => scope.GetRequiredService<FundPhotos>()
            .AddAsync(fundId, Jpeg(400, 300), "A classroom", null, confirmed, "staff-1", "comms@charity.example", CancellationToken.None));

        var refused = Assert.IsType<FundSaveResult.Invalid>(await Add(confirmed: false));
        Assert.Equal([FundPhotos.PhotoNeedsConfirmation], refused.Problems.Select(p => p.Message));
        Assert.IsType<FundSaveResult.Saved>(await Add(confirmed: true));
        await using var db = services.CreateContext();
        var photo = await db.FundPhotos.SingleAsync();

        var caption = "A girl named Amina, 7, at 12 Market Street";
        var unconfirmed = await services.InScopeAsync(scope => scope.GetRequiredService<FundPhotos>().SaveTextsAsync(
            photo.Id, "A classroom", caption, [], false, "staff-1", "comms@charity.example", CancellationToken.None));
        Assert.Equal([FundPhotos.PhotoNeedsConfirmation], Assert.IsType<FundSaveResult.Invalid>(unconfirmed).Problems.Select(p => p.Message));
        await using var after = services.CreateContext();
        Assert.Null(await after.FundPhotos.Select(p => p.Caption).SingleAsync());
        Assert.NotEmpty(FundPhotos.Warnings([new FundPhoto
        {
            ContentType = "image/jpeg", Bytes = [], AltText = "A classroom", Caption = caption, UploadedBy = "x",
        }], []));
    }

    private static async Task<Guid> AddFundAsync(PortalServices services, FundStatus status)
    {
        await using var db = services.CreateContext();
        var fund = new Fund
        {
            Slug = "cusco",
            Code = "PER01",
            Name = "Children's Village Cusco",
            Summary = "Houses.",
            Story = "A story.",
            Currency = "EUR",
            Status = status,
        };
        db.Funds.Add(fund);
        await db.SaveChangesAsync();
        return fund.Id;
    }

    private static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(90, 140, 60));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    /// <summary>The JPEG with an APP1 Exif segment right after its start marker, holding a GPS tag's name as a phone's would.</summary>
    private static byte[] WithGpsPosition(byte[] jpeg)
    {
        byte[] payload = [.. "Exif\0\0"u8, .. "MM\0*\0\0\0\bGPSLatitude 52.5200 N GPSLongitude 13.4050 E"u8];
        var length = payload.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    private static bool Contains(byte[] bytes, ReadOnlySpan<byte> text) => bytes.AsSpan().IndexOf(text) >= 0;
}

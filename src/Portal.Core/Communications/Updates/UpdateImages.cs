using SkiaSharp;

namespace Portal.Core.Communications.Updates;

/// <summary>
/// Makes an uploaded picture fit for an update: decoded (only if it is a picture Skia can read and not absurdly large,
/// so a crafted file cannot exhaust memory), turned upright, scaled to at most <see cref="MaxWidth"/> pixels wide, and
/// encoded afresh. Nothing of the original file survives, including its metadata: a phone photo's GPS position must
/// never reach donors or the public.
/// </summary>
public static class UpdateImages
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxWidth = 1200;
    private const long MaxPixels = 50_000_000;

    public static PreparedImage Prepare(byte[] upload)
    {
        if (upload.Length == 0 || upload.Length > MaxBytes)
        {
            return PreparedImage.Refused($"A picture must be between 1 byte and {MaxBytes / 1024 / 1024} MB.");
        }

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return PreparedImage.Refused("This file is not a picture we can read; upload a JPEG, PNG, WebP or GIF.");
        }

        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return PreparedImage.Refused($"The picture is {codec.Info.Width}×{codec.Info.Height} pixels; make it smaller than 50 megapixels.");
        }

        using var decoded = SKBitmap.Decode(codec, codec.Info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Premul));
        if (decoded is null)
        {
            return PreparedImage.Refused("The picture is damaged and could not be read.");
        }

        using var upright = Upright(decoded, codec.EncodedOrigin);
        var width = Math.Min(MaxWidth, upright.Width);
        var height = Math.Max(1, (int)Math.Round(upright.Height * (double)width / upright.Width, MidpointRounding.AwayFromZero));
        using var scaled = width == upright.Width ? upright.Copy() : upright.Resize(
            new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul),
            new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var image = SKImage.FromBitmap(scaled);
        var opaque = codec.Info.AlphaType == SKAlphaType.Opaque;
        using var encoded = image.Encode(opaque ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, 82);
        return new PreparedImage(encoded.ToArray(), opaque ? "image/jpeg" : "image/png", scaled.Width, scaled.Height, null);
    }

    private static SKBitmap Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        var (degrees, swap) = origin switch
        {
            SKEncodedOrigin.BottomRight => (180, false),
            SKEncodedOrigin.RightTop => (90, true),
            SKEncodedOrigin.LeftBottom => (270, true),
            _ => (0, false),
        };
        var turned = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height, bitmap.ColorType, bitmap.AlphaType);
        using var canvas = new SKCanvas(turned);
        canvas.Translate(turned.Width / 2f, turned.Height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.Translate(-bitmap.Width / 2f, -bitmap.Height / 2f);
        using var source = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Linear));
        return turned;
    }
}

/// <summary>The re-encoded picture, or why it was refused.</summary>
public sealed record PreparedImage(byte[] Bytes, string ContentType, int Width, int Height, string? Problem)
{
    public static PreparedImage Refused(string problem) => new([], "", 0, 0, problem);
}

namespace Portal.Core.Funds;

/// <summary>
/// A photo of a fund, stored resized and re-encoded (never as uploaded, so no GPS position or other metadata survives),
/// served at <c>/funds/{slug}/photos/{id}</c> while the fund is public. The first by <see cref="Position"/> is the
/// fund's main picture; without photos the fund shows its generated drawing.
/// </summary>
public class FundPhoto
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid FundId { get; set; }

    /// <summary>Lower first; the lowest is the main photo.</summary>
    public int Position { get; set; }

    public required string ContentType { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public required byte[] Bytes { get; set; }

    /// <summary>What the photo shows, for readers who cannot see it, in the default language.</summary>
    public required string AltText { get; set; }

    /// <summary>Shown under the photo, in the default language; optional.</summary>
    public string? Caption { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A photo's alt text and caption in one more language; an empty one falls back to the photo's own.</summary>
public class FundPhotoTranslation
{
    public Guid PhotoId { get; set; }

    public required string Language { get; set; }

    public string? AltText { get; set; }

    public string? Caption { get; set; }
}

/// <summary>A photo as a page shows it, in the reader's language, without its bytes.</summary>
public sealed record FundPhotoView(Guid Id, Guid FundId, int Width, int Height, string AltText, string? Caption);

namespace Portal.Core.Communications.Updates;

/// <summary>A picture in an update, stored resized and re-encoded (never as uploaded), served at <c>/updates/images/{id}</c>.</summary>
public class UpdateImage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The update it was uploaded for; null while the update is still being written.</summary>
    public Guid? UpdateId { get; set; }

    public required string ContentType { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public required byte[] Bytes { get; set; }

    /// <summary>Describes the picture for screen readers and for mail clients that block images.</summary>
    public string? AltText { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}

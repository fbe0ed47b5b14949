namespace Portal.Core.Funds;

/// <summary>
/// A fund's texts in one more language (de, fr, es). A text left empty falls back to the fund's own, which is English.
/// </summary>
public class FundTranslation
{
    public Guid FundId { get; set; }

    /// <summary>Two letters, one of <see cref="Languages.PortalLanguages.Supported"/> other than the default.</summary>
    public required string Language { get; set; }

    public string? Name { get; set; }

    public string? Summary { get; set; }

    /// <summary>Markdown, as the fund's own story.</summary>
    public string? Story { get; set; }
}

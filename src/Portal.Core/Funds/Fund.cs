namespace Portal.Core.Funds;

/// <summary>What a donor gives to: a village or a program. Restricted: its money is spent on it alone.</summary>
public class Fund : Data.IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The fund's address in URLs (<c>/funds/{slug}</c>); lower case, digits and hyphens.</summary>
    public required string Slug { get; set; }

    /// <summary>A short code finance staff know the fund by; it prefixes the fund's ledger accounts.</summary>
    public required string Code { get; set; }

    public FundKind Kind { get; set; }

    /// <summary>For programs: what the program does.</summary>
    public ProgramArea? Area { get; set; }

    public required string Name { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country of a village; null for a program that spans countries.</summary>
    public string? CountryCode { get; set; }

    /// <summary>The town or region, never an exact address: public pages must not locate children.</summary>
    public string? Place { get; set; }

    public required string Summary { get; set; }

    /// <summary>The story in Markdown, rendered as impact updates are (<c>UpdateMarkdown</c>: raw HTML shown as text).</summary>
    public required string Story { get; set; }

    /// <summary>The currency of the fund's books and goal.</summary>
    public required string Currency { get; set; }

    /// <summary>The fundraising goal in minor units of <see cref="Currency"/>, if the fund has one.</summary>
    public long? GoalMinor { get; set; }

    /// <summary>The day the goal should be reached by, if the fund has one; shown beside the goal.</summary>
    public DateOnly? GoalDeadline { get; set; }

    public FundStatus Status { get; set; } = FundStatus.Open;

    public bool Featured { get; set; }

    /// <summary>How often donors may give to it: all four unless the editor narrows them.</summary>
    public FundIntervals Intervals { get; set; } = FundIntervals.All;

    /// <summary>
    /// The amounts the sponsor form offers for this fund, in minor units of <see cref="Currency"/>, comma-separated and
    /// ascending ("2500,5000,10000"); null offers the portal's presets (<c>Payments:PresetAmounts</c>).
    /// </summary>
    public string? PresetsMinor { get; set; }

    /// <summary>Where a featured fund stands on the home page: lower first, then by kind and name.</summary>
    public int FeaturedOrder { get; set; }

    /// <summary>When a member of staff last confirmed that the fund's texts identify no child (decision 031).</summary>
    public DateTime? ChildDataConfirmedAt { get; set; }

    public string? ChildDataConfirmedBy { get; set; }

    /// <summary>Palette and scene seed for the generated picture, so it stays the same between starts.</summary>
    public int ImageSeed { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Optimistic concurrency: two editors who opened the same version cannot both save (decision 031).</summary>
    public int Version { get; set; }
}

public enum FundKind
{
    Village = 1,
    Program = 2,
}

public enum ProgramArea
{
    Education = 1,
    HealthCare = 2,
    FamilyStrengthening = 3,
    EmergencyRelief = 4,
}

public enum FundStatus
{
    Open = 1,
    /// <summary>Shown, but takes no new gifts (goal met, program ended).</summary>
    Closed = 2,
    /// <summary>Being written: only staff see it, and it takes no gifts, until it is published (Open).</summary>
    Draft = 3,
}

using Portal.Core.Data;

namespace Portal.Core.Transparency;

/// <summary>
/// What a fund received and spent in a quarter or a year, built from the ledger and the spending records, with the
/// outcomes and stories Communications add. Figures are a snapshot taken when the report is built; a published report
/// does not change under its readers.
/// </summary>
public class TransparencyReport : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid FundId { get; set; }

    public ReportPeriodKind PeriodKind { get; set; }

    /// <summary>First day of the period.</summary>
    public DateOnly PeriodStart { get; set; }

    /// <summary>The day after the period's last day.</summary>
    public DateOnly PeriodEnd { get; set; }

    /// <summary>The period in the report's address: "2026-q3" or "2026".</summary>
    public required string PeriodKey { get; set; }

    public ReportStatus Status { get; set; } = ReportStatus.Draft;

    /// <summary>The figures (income, spending by category, balance, sponsors) as JSON, in the fund's currency.</summary>
    public required string FiguresJson { get; set; }

    /// <summary>Staff-entered outcomes ("children in care: 112") as JSON.</summary>
    public string OutcomesJson { get; set; } = "[]";

    /// <summary>Stories, Markdown; sanitised when shown.</summary>
    public string Stories { get; set; } = "";

    public DateTime BuiltAt { get; set; }

    /// <summary>When and by whom it was confirmed to hold no child-identifying data (names, exact places, faces).</summary>
    public DateTime? ChildDataConfirmedAt { get; set; }

    public string? ChildDataConfirmedBy { get; set; }

    public DateTime? PublishedAt { get; set; }

    public string? PublishedBy { get; set; }

    public int Version { get; set; }
}

public enum ReportPeriodKind
{
    Quarter = 1,
    Year = 2,
}

public enum ReportStatus
{
    Draft = 0,
    Published = 1,
}

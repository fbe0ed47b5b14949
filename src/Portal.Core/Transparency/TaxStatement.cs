namespace Portal.Core.Transparency;

/// <summary>
/// A donor's annual tax statement for one fiscal year: issued once (numbered, e-mailed once), and downloadable from the
/// donor's dashboard as a PDF rendered from the gifts the statement covers.
/// </summary>
public class TaxStatement
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DonorId { get; set; }

    /// <summary>The fiscal year by the calendar year it starts in.</summary>
    public int FiscalYear { get; set; }

    public DateOnly From { get; set; }

    /// <summary>The day after the fiscal year's last day.</summary>
    public DateOnly To { get; set; }

    /// <summary>"TS-2026-000123": shown on the PDF, unique.</summary>
    public required string Number { get; set; }

    /// <summary>The deductible total per currency when issued, as JSON (refunds after issue are shown on a reissue).</summary>
    public required string TotalsJson { get; set; }

    public DateTime IssuedAt { get; set; }
}

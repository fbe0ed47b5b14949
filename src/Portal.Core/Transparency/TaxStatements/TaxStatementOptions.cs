using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Transparency.TaxStatements;

/// <summary>Section <c>TaxStatements</c>: the fiscal year the annual tax statement covers, and how the yearly job works.</summary>
public sealed class TaxStatementOptions : IValidatableObject
{
    public const string Section = "TaxStatements";

    /// <summary>The month the fiscal year starts in (1 = January); a fiscal year is named by the calendar year it starts in.</summary>
    [Range(1, 12)]
    public int FiscalYearStartMonth { get; set; } = 1;

    [Range(1, 31)]
    public int FiscalYearStartDay { get; set; } = 1;

    /// <summary>Donors issued per unit of work (one database context per batch).</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The start must exist in every year, so 29 February (and 31 April) are refused rather than moved silently.
        if (FiscalYearStartMonth is >= 1 and <= 12 && FiscalYearStartDay > DateTime.DaysInMonth(2001, FiscalYearStartMonth))
        {
            yield return new ValidationResult(
                $"TaxStatements:FiscalYearStartDay {FiscalYearStartDay} does not exist in month {FiscalYearStartMonth} of every year.",
                [nameof(FiscalYearStartDay)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Reconciliation;

/// <summary>Section <c>Reconciliation</c>.</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";

    /// <summary>A payment the gateway has not paid out this many days after it succeeded is flagged.</summary>
    [Range(1, 90)]
    public int PayoutExpectedWithinDays { get; set; } = 10;

    /// <summary>The nightly import looks at payouts created in this many past days.</summary>
    [Range(1, 365)]
    public int ImportPayoutsDays { get; set; } = 14;

    /// <summary>The nightly drift check compares charges, refunds and disputes of this many past days.</summary>
    [Range(1, 365)]
    public int DriftDays { get; set; } = 30;
}

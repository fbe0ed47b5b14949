namespace Portal.Core.Spending;

/// <summary>
/// Money a fund spent: on what (a category), when, how much, with the accounting system's reference. It is what
/// transparency reports show, and it posts to the ledger (the fund's spending against the bank) when it is recorded,
/// under the key <c>spending:{Id}</c>.
/// </summary>
public class SpendingRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid FundId { get; set; }

    public SpendingCategory Category { get; set; }

    /// <summary>The day the money was spent, in the charity's calendar; reports group by its month.</summary>
    public DateOnly SpentOn { get; set; }

    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    public required string Description { get; set; }

    /// <summary>The accounting system's reference (an invoice, a voucher); unique per fund when given, so an import can be repeated safely.</summary>
    public string? Reference { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The staff member who recorded or imported it.</summary>
    public required string CreatedBy { get; set; }
}

/// <summary>How a fund's money was used, as the federation reports it.</summary>
public enum SpendingCategory
{
    Education = 1,
    HealthCare = 2,
    FamilyHousing = 3,
    DailyCare = 4,
    CommunityPrograms = 5,
    Administration = 6,
}

public static class SpendingCategories
{
    public static IReadOnlyList<(SpendingCategory Category, string Code, string Label)> All { get; } =
    [
        (SpendingCategory.Education, "education", "Education"),
        (SpendingCategory.HealthCare, "health_care", "Health care"),
        (SpendingCategory.FamilyHousing, "family_housing", "Family housing"),
        (SpendingCategory.DailyCare, "daily_care", "Daily care"),
        (SpendingCategory.CommunityPrograms, "community_programs", "Community programs"),
        (SpendingCategory.Administration, "administration", "Administration"),
    ];

    public static SpendingCategory? FromCode(string? code) =>
        All.Where(c => string.Equals(c.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(c => (SpendingCategory?)c.Category)
            .FirstOrDefault();

    public static string Code(SpendingCategory category) => All.First(c => c.Category == category).Code;

    public static string Label(SpendingCategory category) => All.First(c => c.Category == category).Label;
}

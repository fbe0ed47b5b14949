namespace Portal.Core.Staff;

/// <summary>The staff roles; each has an area of the site and an authorization policy of the same name.</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Finance = "Finance";
    public const string Communications = "Communications";

    /// <summary>Donor care: finds donors and acts for them (decision 031); does not see the ledger. Finance may do the same.</summary>
    public const string DonorCare = "DonorCare";

    public static IReadOnlyList<string> All { get; } = [Admin, Finance, Communications, DonorCare];
}

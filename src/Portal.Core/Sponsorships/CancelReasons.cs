namespace Portal.Core.Sponsorships;

/// <summary>The reasons a donor can give for cancelling, as stored codes with the words the donor sees.</summary>
public static class CancelReasons
{
    public static IReadOnlyList<(string Code, string Label)> All { get; } =
    [
        ("cannot_afford", "I can no longer afford it"),
        ("other_charity", "I support another cause now"),
        ("not_informed", "I did not hear enough about how my gift was used"),
        ("one_off", "I only meant to give for a while"),
        ("payment_problems", "Payment problems"),
        ("other", "Another reason"),
    ];

    public static bool IsKnown(string? code) => code is not null && All.Any(r => r.Code == code);

    public static string Label(string? code) => All.FirstOrDefault(r => r.Code == code).Label ?? code ?? "";
}

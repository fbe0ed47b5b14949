using System.Text.Json;

namespace Portal.Core.Transparency;

/// <summary>One outcome Communications report for a fund: "children in care: 112", "school enrolment %: 97".</summary>
public sealed record ReportOutcome(string Label, decimal Value)
{
    public const int MaxLabelLength = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<ReportOutcome> ListFromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<ReportOutcome>>(json, Json) ?? [];

    public static string ListToJson(IEnumerable<ReportOutcome> outcomes) => JsonSerializer.Serialize(outcomes.ToList(), Json);
}

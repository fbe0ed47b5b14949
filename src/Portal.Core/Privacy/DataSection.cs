using System.Globalization;

namespace Portal.Core.Privacy;

/// <summary>One part of a donor's data export ("gifts", "sign-ins"): its items, read from the database as they are written.</summary>
public sealed record DataSection(string Name, IAsyncEnumerable<DataField[]> Items);

/// <summary>A named value of an item; written as a JSON property and as a CSV row.</summary>
public readonly record struct DataField(string Name, object? Value)
{
    /// <summary>The value as text, the same in every format: ISO dates and times, invariant numbers, enum names.</summary>
    public string? Text => Value switch
    {
        null => null,
        DateTime at => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString(),
    };
}

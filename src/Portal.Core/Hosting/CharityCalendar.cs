using Microsoft.Extensions.Options;

namespace Portal.Core.Hosting;

/// <summary>Dates as the charity counts them: "today" and accounting dates in the configured time zone.</summary>
public sealed class CharityCalendar(TimeProvider clock, IOptions<PortalOptions> options)
{
    private readonly TimeZoneInfo zone = options.Value.FindTimeZone();

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOf(clock.GetUtcNow());

    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public DateOnly DateOf(DateTime utc) => DateOf(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    /// <summary>A wall-clock time as staff type it (in the charity's zone) as UTC; a time skipped by a clock change moves on an hour.</summary>
    public DateTime ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return zone.IsInvalidTime(unspecified)
            ? TimeZoneInfo.ConvertTimeToUtc(unspecified.AddHours(1), zone)
            : TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    /// <summary>A UTC instant as the charity's wall-clock time.</summary>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public string ZoneId => zone.Id;


    /// <summary>The UTC instant the charity's day begins: for queries over instants that must agree with <see cref="DateOf(DateTime)"/>.</summary>
    public DateTime StartOfDayUtc(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        // Where a clock change skips midnight, the day begins at the first instant that exists.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}

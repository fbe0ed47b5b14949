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

    /// <summary>The instant (UTC) the charity's <paramref name="day"/> begins.</summary>
    public DateTime StartOfDayUtc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
}

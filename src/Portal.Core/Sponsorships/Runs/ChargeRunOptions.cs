using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Sponsorships.Runs;

/// <summary>Section <c>Charges</c>: how the charge run paces itself against the gateway and how it retries declines.</summary>
public sealed class ChargeRunOptions : IValidatableObject
{
    public const string Section = "Charges";

    /// <summary>Gateway requests per second, across the run's workers (Stripe's sandbox allows 25, live mode about 100).</summary>
    [Range(0.1, 100_000)]
    public double RequestsPerSecond { get; set; } = 20;

    /// <summary>Gateway requests in flight at once.</summary>
    [Range(1, 1000)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Due sponsorships read, claimed and recorded per database transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// How long the recorder waits for more answers before it records a batch that is not full: a slow gateway's
    /// answers then go in a few transactions a second rather than one each. Zero records what is ready at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan RecordLinger { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How often one request is tried when the gateway is rate-limiting, failing or silent, before the run leaves it for the next run.
    /// </summary>
    [Range(1, 20)]
    public int MaxTransientTries { get; set; } = 6;

    /// <summary>The first back-off after a 429, 5xx or timeout; it doubles each time, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan TransientBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>An attempt sent this long ago with no recorded outcome is looked up at the gateway by the next run.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan UnansweredAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// When a worker is asked to stop (SIGTERM), the run claims nothing more but sends what it claimed and records every
    /// answer for at most this long; keep it below Jobs:ShutdownTimeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A worker taking part in a run says it is alive every few seconds; one not heard from for this long is taken for
    /// dead, its part marked abandoned, so the run can end without it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WorkerSilence { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a worker looks for a run another worker started that still has periods to claim, and joins it.
    /// Zero turns joining off. On SQLite (one machine, one writer) workers never join.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan JoinRunsEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Days after a soft decline that each retry is made: "1,3,7" retries one, three and seven days after the first decline.</summary>
    [Required]
    public string RetryScheduleDays { get; set; } = "1,3,7";

    /// <summary>How many days before a charge a donor whose card expires first is reminded to update it.</summary>
    [Range(1, 60)]
    public int CardExpiryReminderDays { get; set; } = 14;

    public IReadOnlyList<int> RetryDays() =>
        [.. RetryScheduleDays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.Parse(d, System.Globalization.CultureInfo.InvariantCulture))];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var parts = RetryScheduleDays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var days = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var day) || day < 1 || day > 60)
            {
                yield return new ValidationResult(
                    $"Charges:RetryScheduleDays must be whole days from 1 to 60, separated by commas; '{part}' is not.",
                    [nameof(RetryScheduleDays)]);
                yield break;
            }

            days.Add(day);
        }

        if (days.Zip(days.Skip(1)).Any(pair => pair.Second <= pair.First))
        {
            yield return new ValidationResult("Charges:RetryScheduleDays must increase (for example 1,3,7).", [nameof(RetryScheduleDays)]);
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Payments.Peaks;

/// <summary>
/// Section <c>Peaks</c>: how much the portal takes on at once before it says "not now" (decision 036). Past these
/// limits a donor is asked to try again in a minute with the form kept, and Stripe gets 503 with Retry-After, which
/// it retries: an honest, quick answer instead of a timeout, and never a lost gift.
/// </summary>
public sealed class PeakOptions
{
    public const string Section = "Peaks";

    /// <summary>Sponsor forms this node sends to the gateway at once; the next donor is asked to try again in a minute.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentCheckouts { get; set; } = 64;

    /// <summary>Stored events not applied yet past which a webhook delivery is answered 503 (Stripe delivers it again later).</summary>
    [Range(1, 10_000_000)]
    public int MaxUnappliedEvents { get; set; } = 50_000;

    /// <summary>How long a node trusts its last count of unapplied events, so a storm does not count on every delivery.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan DepthReadEvery { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The Retry-After a refused donor or delivery is given, in seconds.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 60;
}

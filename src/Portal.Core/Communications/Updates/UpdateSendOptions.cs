using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Communications.Updates;

/// <summary>How fast updates go out. Relays limit connections and rates; set these to what yours allows.</summary>
public sealed class UpdateSendOptions
{
    public const string Section = "Updates";

    /// <summary>SMTP connections used at once, each kept open for many messages.</summary>
    [Range(1, 32)]
    public int Connections { get; set; } = 4;

    /// <summary>Messages per second across all connections; 0 sends as fast as the relay takes them.</summary>
    [Range(0, 100_000)]
    public int MessagesPerSecond { get; set; } = 50;

    /// <summary>Deliveries claimed together. A crash can leave at most about this many per connection unconfirmed.</summary>
    [Range(1, 1_000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Tries for a delivery the relay refuses for now (4xx, no connection), with back-off, before it counts as failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First back-off; it doubles with each try.</summary>
    [Range(1, 3_600)]
    public int RetryAfterSeconds { get; set; } = 60;

    /// <summary>How long a claim holds; a delivery still claimed after that was held by a sender that stopped.</summary>
    [Range(1, 1_440)]
    public int ClaimMinutes { get; set; } = 10;
}

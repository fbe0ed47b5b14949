using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Sponsorships;

/// <summary>
/// Section <c>CheckoutLimits</c>: how many checkouts one address may start, against card-testing bots. The per-IP
/// limit is enforced by the web host's rate limiter; the per-e-mail limit by the database, so it holds across nodes.
/// </summary>
public sealed class CheckoutLimits
{
    public const string Section = "CheckoutLimits";

    [Range(1, 10000)]
    public int PerIpPerHour { get; set; } = 20;

    [Range(1, 10000)]
    public int PerEmailPerHour { get; set; } = 5;
}

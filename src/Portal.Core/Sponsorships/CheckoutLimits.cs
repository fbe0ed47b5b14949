using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Sponsorships;

/// <summary>
/// Section <c>CheckoutLimits</c>: how many checkouts one address may start, against card-testing bots. Both are counted
/// in the shared database, so they hold across web nodes: per IP by <c>SharedLimits</c>, per e-mail from the sponsorships.
/// </summary>
public sealed class CheckoutLimits
{
    public const string Section = "CheckoutLimits";

    [Range(1, 10000)]
    public int PerIpPerHour { get; set; } = 20;

    [Range(1, 10000)]
    public int PerEmailPerHour { get; set; } = 5;
}

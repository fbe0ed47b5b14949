using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Communications;
using Portal.Core.Data;
using Portal.Core.Hosting.Limits;
using Portal.Core.Staff;

namespace Portal.Core.Sponsorships.CardTesting;

/// <summary>
/// A spike of declined card attempts across the portal (N in M minutes) alerts Admin: an e-mail to each active Admin through
/// the outbox once per window (the one decline that makes the count exactly N sends it, on whichever node), and a
/// banner on the Admin page while the window's count is at or over N.
/// </summary>
public sealed partial class DeclineSpikeAlert(
    SharedLimits limits, IDbContextFactory<PortalDbContext> contexts, TimeProvider clock, IOptions<CardTestingOptions> options,
    ILogger<DeclineSpikeAlert> logger)
{
    private const string AllDeclines = "declines-all";

    private TimeSpan Window => TimeSpan.FromMinutes(options.Value.SpikeMinutes);

    public async Task CountAsync(CancellationToken cancellationToken)
    {
        var decision = await limits.TryTakeAsync(AllDeclines, "portal", options.Value.SpikeDeclines, Window, cancellationToken);
        if (decision.Count == options.Value.SpikeDeclines)
        {
            await AlertAsync(limits.WindowStart(Window), decision.Count, cancellationToken);
        }
    }

    /// <summary>Whether the current window is a spike: what the Admin page's banner shows.</summary>
    public async Task<bool> IsSpikingAsync(CancellationToken cancellationToken) =>
        await limits.CountAsync(AllDeclines, "portal", Window, cancellationToken) >= options.Value.SpikeDeclines;

    private async Task AlertAsync(long windowStart, int count, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var admins = (await (from user in db.Users
                             join link in db.UserRoles on user.Id equals link.UserId
                             join role in db.Roles on link.RoleId equals role.Id
                             where role.Name == StaffRoles.Admin && user.Email != null
                             select user).ToListAsync(cancellationToken))
            // A deactivated Admin has left: an alert about the portal's payments is no longer theirs to read.
            .Where(user => !StaffAdministration.IsDeactivated(user)).ToList();
        var outbox = new EmailOutbox(db, clock);
        var since = DateTimeOffset.FromUnixTimeSeconds(windowStart).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var text = $"{count} card payments were declined on the portal's checkout pages since {since} UTC "
            + $"(the alert is set at {options.Value.SpikeDeclines} in {options.Value.SpikeMinutes} minutes). "
            + "This is what card testing looks like: check the gateway's dashboard and consider turning on the sponsor form's challenge.";
        var email = new RenderedEmail("Card testing? A spike of declined payments", $"<p>{WebUtility.HtmlEncode(text)}</p>", text);
        foreach (var admin in admins)
        {
            await outbox.QueueAsync(
                $"declines.spike:{windowStart}:{admin.Id}", EmailCategory.Transactional, null, admin.Email!, admin.Email!, email, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        LogSpike(count, since, admins.Count);
    }

    [LoggerMessage(EventId = 7411, Level = LogLevel.Warning,
        Message = "Declined-payment spike: {Count} declines since {Since} UTC; {Admins} Admin staff alerted")]
    private partial void LogSpike(int count, string since, int admins);
}

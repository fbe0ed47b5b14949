using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Communications;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Donors;

/// <summary>
/// Passwordless sign-in: the donor asks for a link, the link carries a random token whose hash is stored, and the
/// token works once, within <see cref="Lifetime"/>. Asking for a link never tells whether the address is known.
/// </summary>
public sealed class DonorSignIn(
    PortalDbContext db,
    EmailOutbox outbox,
    EmailRenderer renderer,
    PublicUrls urls,
    IBackgroundWork work,
    TimeProvider clock,
    IOptions<PortalOptions> portal)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(20);

    /// <summary>At most this many links an hour per donor, so the form cannot be used to flood someone's inbox.</summary>
    public const int LinksPerHour = 5;

    public async Task RequestLinkAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = Donor.Normalize(email);
        var donor = await db.Donors.SingleOrDefaultAsync(d => d.NormalizedEmail == normalized, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (donor is null
            || await db.DonorSignInTokens.CountAsync(t => t.DonorId == donor.Id && t.CreatedAt > now.AddHours(-1), cancellationToken) >= LinksPerHour)
        {
            return;
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var row = new DonorSignInToken { DonorId = donor.Id, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + Lifetime };
        db.DonorSignInTokens.Add(row);
        var link = urls.To($"account/sign-in/confirm?token={token}");
        var html = await renderer.RenderAsync<SignInEmail>(new Dictionary<string, object?>
        {
            ["CharityName"] = portal.Value.CharityName,
            ["DonorName"] = donor.Name,
            ["Link"] = link.ToString(),
            ["Minutes"] = (int)Lifetime.TotalMinutes,
        });
        var text = $"Dear {donor.Name},\n\nopen this link to see your gifts and sponsorships:\n\n{link}\n\n"
            + $"It works once, for {(int)Lifetime.TotalMinutes} minutes. If you did not ask for it, ignore this message.\n\n"
            + $"{portal.Value.CharityName}\n";
        await outbox.QueueAsync(
            $"sign-in:{row.Id}",
            EmailCategory.Transactional,
            donor.Id,
            donor.Email,
            donor.Name,
            new RenderedEmail($"Your sign-in link for {portal.Value.CharityName}", html, text),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        work.SendQueuedEmails();
    }

    /// <summary>Uses up the token and returns its donor, or null when it is unknown, used or expired.</summary>
    public async Task<Guid?> RedeemAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        // One conditional update: of two clicks at the same moment, only one finds the token unused.
        var used = await db.DonorSignInTokens
            .Where(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken);
        return used == 1
            ? await db.DonorSignInTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.DonorId).SingleAsync(cancellationToken)
            : null;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Communications;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Hosting.Limits;

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
    SharedLimits limits,
    TimeProvider clock,
    IOptions<PortalOptions> portal)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(20);

    /// <summary>
    /// At most this many links an hour per address, known or not, counted across every node: the form cannot be used
    /// to flood someone's inbox, and the limit answers the same for an address that is no donor's.
    /// </summary>
    public const int LinksPerHour = 5;

    public const string AddressLimit = "sign-in-address";

    /// <summary>
    /// Records the request and asks a job to work it. The same statements run whether or not the address is a donor's
    /// (no donor is looked up here), so neither the answer nor its time tells who is a donor.
    /// </summary>
    public async Task RequestLinkAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = Donor.Normalize(email);
        var decision = await limits.TryTakeAsync(AddressLimit, normalized, LinksPerHour, TimeSpan.FromHours(1), cancellationToken);
        if (!decision.Allowed)
        {
            return;
        }

        db.DonorSignInRequests.Add(new DonorSignInRequest { Email = normalized, RequestedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        work.SendSignInLinks();
    }

    /// <summary>
    /// Works the recorded requests: a known address gets a link, an unknown one nothing. Each request is deleted in the
    /// same transaction that queues its e-mail, so a request is worked once however many workers run this, and a run
    /// that fails part-way leaves the rest for the next. Returns how many links were queued.
    /// </summary>
    public async Task<int> SendRequestedLinksAsync(CancellationToken cancellationToken)
    {
        var pending = await db.DonorSignInRequests.AsNoTracking().OrderBy(r => r.Id).Take(200).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var request in pending)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await db.DonorSignInRequests.Where(r => r.Id == request.Id).ExecuteDeleteAsync(cancellationToken) == 1
                && await QueueLinkAsync(request, cancellationToken))
            {
                sent++;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        if (sent > 0)
        {
            work.SendQueuedEmails();
        }

        return sent;
    }

    private async Task<bool> QueueLinkAsync(DonorSignInRequest request, CancellationToken cancellationToken)
    {
        var donor = await db.Donors.AsNoTracking().SingleOrDefaultAsync(d => d.NormalizedEmail == request.Email, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (donor is null || now - request.RequestedAt > Lifetime)
        {
            // No donor has the address, or the request waited so long that its link would be a surprise.
            return false;
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var row = new DonorSignInToken { DonorId = donor.Id, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + Lifetime };
        db.DonorSignInTokens.Add(row);
        var link = urls.To($"account/sign-in/confirm?token={token}");
        var texts = SignInTexts.For(donor.Language);
        var minutes = (int)Lifetime.TotalMinutes;
        var html = await renderer.RenderAsync<SignInEmail>(new Dictionary<string, object?>
        {
            ["CharityName"] = portal.Value.CharityName,
            ["DonorName"] = donor.Name,
            ["Link"] = link.ToString(),
            ["Minutes"] = minutes,
            ["Texts"] = texts,
        });
        var text = $"{texts.Format("Greeting", donor.Name)}\n\n{texts["TextIntro"]}\n\n{link}\n\n"
            + $"{texts.Format("TextExpiry", minutes)}\n\n"
            + $"{portal.Value.CharityName}\n";
        return await outbox.QueueAsync(
            $"sign-in:{row.Id}",
            EmailCategory.Transactional,
            donor.Id,
            donor.Email,
            donor.Name,
            new RenderedEmail(texts.Format("Subject", portal.Value.CharityName), html, text),
            cancellationToken);
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
        // A donor merged into another signs in as the one kept (Care.DonorMerges): their sponsorships are there now.
        return used == 1
            ? await (from t in db.DonorSignInTokens
                     where t.TokenHash == hash
                     join d in db.Donors on t.DonorId equals d.Id
                     select (Guid?)(d.MergedIntoId ?? d.Id)).SingleAsync(cancellationToken)
            : null;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Communications;
using Portal.Core.Data;
using Portal.Core.Hosting;

namespace Portal.Core.Staff;

/// <summary>
/// An Admin invites a member of staff: the account is made without a password and a one-time link to set one is
/// e-mailed through the outbox. The link is Identity's password-reset token: it stops working once used (the
/// security stamp changes) and after a day.
/// </summary>
public sealed class StaffInvitations(
    UserManager<IdentityUser> users,
    StaffAccounts accounts,
    EmailOutbox outbox,
    PublicUrls urls,
    IBackgroundWork work,
    AuditLog audit,
    PortalDbContext db,
    IOptions<PortalOptions> portal)
{
    /// <summary>False when the address already has an account.</summary>
    public async Task<bool> InviteAsync(
        string email, string role, string actorId, string actorName, string? ipAddress, CancellationToken cancellationToken)
    {
        await accounts.EnsureRolesAsync();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return false;
        }

        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        StaffFactors.Check(await users.CreateAsync(user));
        StaffFactors.Check(await users.AddToRoleAsync(user, role));
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = urls.To($"staff/set-password?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}");
        var charity = portal.Value.CharityName;
        var text = $"You have been given a staff account ({role}) on the {charity} portal.\n\n"
            + $"Choose your password here (the link works once, for a day):\n\n{link}\n\n"
            + "After that you sign in at /staff/login and set up a second factor (an authenticator app or a passkey).\n";
        var html = $"<p>You have been given a staff account ({WebUtility.HtmlEncode(role)}) on the {WebUtility.HtmlEncode(charity)} "
            + $"portal.</p><p><a href=\"{WebUtility.HtmlEncode(link.ToString())}\">Choose your password</a> (the link works once, "
            + "for a day).</p><p>After that you sign in and set up a second factor (an authenticator app or a passkey).</p>";
        await outbox.QueueAsync(
            $"staff-invite:{user.Id}",
            EmailCategory.Transactional,
            null,
            email,
            email,
            new RenderedEmail($"Your staff account on the {charity} portal", html, text),
            cancellationToken);
        audit.Record(actorId, actorName, "staff.invited", $"user:{user.Id}", $"{email} as {role}", ipAddress);
        await db.SaveChangesAsync(cancellationToken);
        work.SendQueuedEmails();
        return true;
    }
}

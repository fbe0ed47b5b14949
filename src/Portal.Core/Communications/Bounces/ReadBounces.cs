using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.Core.Communications.Bounces;

/// <summary>
/// Reads the bounce mailbox's unseen messages over IMAP, suppresses the addresses that bounced for good, and flags each
/// message \Seen once it is recorded, so it is read once. A message that fails stays unseen and is read again by the
/// next run; recording a bounce twice is harmless. A mailbox that cannot be reached is a result, not an exception.
/// </summary>
public sealed class ReadBounces(IServiceScopeFactory scopes, IOptions<ImapBounceOptions> options, ILogger<ReadBounces> logger)
{
    public async Task<BounceRun> RunAsync(CancellationToken cancellationToken)
    {
        var imap = options.Value;
        if (!imap.Enabled)
        {
            return new BounceRun(0, 0, 0, "disabled");
        }

        using var client = new ImapClient();
        try
        {
            // Host, user name and password are validated as present whenever Enabled is true.
            await client.ConnectAsync(imap.Host ?? "", imap.Port, Security(imap.Security), cancellationToken);
            await client.AuthenticateAsync(imap.UserName ?? "", imap.Password ?? "", cancellationToken);
            var folder = await client.GetFolderAsync(imap.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            var unseen = await folder.SearchAsync(SearchQuery.NotSeen, cancellationToken);
            var run = new BounceRun(0, 0, 0, null);
            foreach (var uid in unseen.Take(imap.MaxMessages))
            {
                run = run.Add(await ReadOneAsync(folder, uid, cancellationToken));
            }

            await client.DisconnectAsync(quit: true, cancellationToken);
            return run;
        }
        catch (Exception error) when (error is ImapCommandException or ImapProtocolException or SocketException or IOException
            or ServiceNotConnectedException or AuthenticationException or FolderNotFoundException or TimeoutException)
        {
            CommunicationsLog.BounceMailboxUnreadable(logger, error, imap.Host);
            return new BounceRun(0, 0, 0, $"{error.GetType().Name}: {error.Message}");
        }
    }

    /// <returns>One message's counts: read, hard bounces, failed.</returns>
    private async Task<BounceRun> ReadOneAsync(IMailFolder folder, UniqueId uid, CancellationToken cancellationToken)
    {
        try
        {
            using var message = await folder.GetMessageAsync(uid, cancellationToken);
            var bounced = DeliveryStatusNotifications.Read(message);
            await using var scope = scopes.CreateAsyncScope();
            var hard = await scope.ServiceProvider.GetRequiredService<SuppressHardBounces>().RecordAsync(bounced, cancellationToken);
            await folder.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, cancellationToken);
            return new BounceRun(1, hard, 0, null);
        }
        catch (Exception error) when (error is FormatException or MimeKit.ParseException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            CommunicationsLog.BounceNotRecorded(logger, error, uid);
            return new BounceRun(0, 0, 1, null);
        }
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };
}

/// <param name="Problem">Why the mailbox was not read ("disabled", a connection error), or null.</param>
public sealed record BounceRun(int Read, int HardBounces, int Failed, string? Problem)
{
    public BounceRun Add(BounceRun other) => new(Read + other.Read, HardBounces + other.HardBounces, Failed + other.Failed, Problem ?? other.Problem);
}

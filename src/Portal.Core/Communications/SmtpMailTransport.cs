using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Portal.Core.Communications;

/// <summary>Sends through any SMTP relay with MailKit. A 5xx reply for the message is permanent; anything else is worth a retry.</summary>
public sealed class SmtpMailTransport(IOptions<EmailOptions> options) : IMailTransport
{
    public async Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await using var session = new SmtpMailSession(options.Value.Smtp);
        var result = await session.SendAsync(message, cancellationToken);
        // One message on its own connection: a broken hand-over is retried, as a receipt is worth a rare duplicate.
        return result is MailSendResult.Unknown unknown ? new MailSendResult.Transient(unknown.Reason) : result;
    }

    public IMailSession OpenSession() => new SmtpMailSession(options.Value.Smtp);
}

/// <summary>
/// One SMTP connection reused for many messages. PIPELINING is turned off: against some servers MailKit's pipelined
/// commands wait on delayed acknowledgements and the rate drops to a few dozen messages a second.
/// </summary>
internal sealed class SmtpMailSession(SmtpSettings smtp) : IMailSession
{
    private readonly SmtpClient client = new();

    public async Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await ConnectAsync(cancellationToken);
        }
        catch (Exception error) when (IsNetwork(error) || error is SmtpCommandException or AuthenticationException)
        {
            // Nothing was handed over: safe to try again later.
            return new MailSendResult.Transient($"{error.GetType().Name}: {error.Message}");
        }

        try
        {
            await client.SendAsync(message, cancellationToken);
            return MailSendResult.Sent;
        }
        catch (SmtpCommandException error) when ((int)error.StatusCode >= 500
            && error.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            return new MailSendResult.Permanent($"{(int)error.StatusCode} {error.Message}");
        }
        catch (SmtpCommandException error)
        {
            // The relay answered and refused (4xx, or 5xx for our sender): it did not take the message.
            return new MailSendResult.Transient($"{(int)error.StatusCode} {error.Message}");
        }
        catch (Exception error) when (IsNetwork(error))
        {
            await DropAsync();
            return new MailSendResult.Unknown($"{error.GetType().Name}: {error.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(quit: true);
            }
            catch (Exception error) when (IsNetwork(error))
            {
                // The messages are sent or recorded; a failed goodbye changes nothing.
            }
        }

        client.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (client.IsConnected)
        {
            return;
        }

        var security = SecurityOf(smtp.Security);
        // Our own socket with Nagle's algorithm off: each SMTP command is a small write answered before the next, and
        // with Nagle on, some of them wait for the peer's delayed acknowledgement (tens of milliseconds a message).
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(smtp.Host ?? "", smtp.Port, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        await client.ConnectAsync(socket, smtp.Host ?? "", smtp.Port, security, cancellationToken);
        client.Capabilities &= ~SmtpCapabilities.Pipelining;
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }
    }

    /// <summary>MailKit's name for the configured security; the relay's health check connects the same way.</summary>
    internal static SecureSocketOptions SecurityOf(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };

    private async Task DropAsync()
    {
        try
        {
            await client.DisconnectAsync(quit: false);
        }
        catch (Exception error) when (IsNetwork(error))
        {
            // Already gone.
        }
    }

    private static bool IsNetwork(Exception error) =>
        error is SmtpProtocolException or SocketException or IOException or ServiceNotConnectedException or TimeoutException
            or OperationCanceledException { CancellationToken.IsCancellationRequested: false };
}

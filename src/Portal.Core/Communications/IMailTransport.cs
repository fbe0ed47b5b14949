using MimeKit;

namespace Portal.Core.Communications;

/// <summary>Hands a message to the mail system: an SMTP relay, or the local mailbox folder of the embedded default.</summary>
public interface IMailTransport
{
    Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken);

    /// <summary>A connection kept open for many messages, as a bulk send needs; it connects on its first message.</summary>
    IMailSession OpenSession();
}

/// <summary>One sender's connection to the mail system. Not thread-safe: one message at a time.</summary>
public interface IMailSession : IAsyncDisposable
{
    /// <returns>
    /// <see cref="MailSendResult.Unknown"/> when the connection broke while the message was being handed over: it may
    /// have been delivered, so a sender that promises "at most once" does not send it again.
    /// </returns>
    Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

public abstract record MailSendResult
{
    private MailSendResult()
    {
    }

    public static MailSendResult Sent { get; } = new SentResult();

    public sealed record SentResult : MailSendResult;

    /// <summary>Worth another try later (connection refused, 4xx reply).</summary>
    public sealed record Transient(string Reason) : MailSendResult;

    /// <summary>The connection broke during the hand-over: the relay may or may not have taken the message.</summary>
    public sealed record Unknown(string Reason) : MailSendResult;

    /// <summary>Will never be accepted (5xx reply for this recipient).</summary>
    public sealed record Permanent(string Reason) : MailSendResult;
}

using MimeKit;

namespace Portal.Core.Communications;

/// <summary>Hands a message to the mail system: an SMTP relay, or the local mailbox folder of the embedded default.</summary>
public interface IMailTransport
{
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

    /// <summary>Will never be accepted (5xx reply for this recipient).</summary>
    public sealed record Permanent(string Reason) : MailSendResult;
}

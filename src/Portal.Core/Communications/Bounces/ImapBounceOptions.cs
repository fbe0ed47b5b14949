using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Communications.Bounces;

/// <summary>
/// Section <c>Email:Bounces:Imap</c>: the mailbox the relay returns bounces to. Off by default; when on, the job reads
/// its unseen delivery-status notifications and suppresses addresses that bounced for good.
/// </summary>
public sealed class ImapBounceOptions : IValidatableObject
{
    public const string Section = "Email:Bounces:Imap";

    public bool Enabled { get; set; }

    public string? Host { get; set; }

    public int Port { get; set; } = 993;

    /// <summary><c>SslOnConnect</c> (port 993), <c>StartTls</c> (143) or <c>None</c> (a server on the same host only).</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.SslOnConnect;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string Folder { get; set; } = "INBOX";

    /// <summary>Messages read per run; the rest wait for the next run.</summary>
    [Range(1, 10_000)]
    public int MaxMessages { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        foreach (var (value, name) in new[] {
            (Host, nameof(Host)),
            (UserName, nameof(UserName)),
            (Password, nameof(Password)),
            (Folder, nameof(Folder)) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return new ValidationResult($"{Section}:{name} is required when {Section}:Enabled is true.", [name]);
            }
        }

        if (Port is < 1 or > 65535)
        {
            yield return new ValidationResult($"{Section}:Port must be between 1 and 65535.", [nameof(Port)]);
        }
    }
}

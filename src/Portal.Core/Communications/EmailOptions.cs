using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Communications;

public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    /// <summary><c>Mailbox</c> writes .eml files under the data folder (the embedded default); <c>Smtp</c> sends.</summary>
    public EmailTransportKind Transport { get; set; } = EmailTransportKind.Mailbox;

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "donors@portal.localhost";

    [Required]
    public string FromName { get; set; } = "Children's Villages";

    public SmtpSettings Smtp { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Transport == EmailTransportKind.Smtp && string.IsNullOrWhiteSpace(Smtp.Host))
        {
            yield return new ValidationResult("Email:Smtp:Host is required when Email:Transport is Smtp.", ["Smtp.Host"]);
        }

        if (Smtp.Port is < 1 or > 65535)
        {
            yield return new ValidationResult("Email:Smtp:Port must be between 1 and 65535.", ["Smtp.Port"]);
        }
    }
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (port 587), <c>SslOnConnect</c> (465) or <c>None</c> (a relay on the same host only).</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }
}

public enum EmailTransportKind
{
    Mailbox = 1,
    Smtp = 2,
}

public enum SmtpSecurity
{
    None = 0,
    StartTls = 1,
    SslOnConnect = 2,
}

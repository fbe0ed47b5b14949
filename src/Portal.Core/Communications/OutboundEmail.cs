namespace Portal.Core.Communications;

/// <summary>
/// The outbox: a message is written here in the same transaction as the change that causes it (a receipt with its
/// charge), then a job sends it. The idempotency key is unique, so a re-applied event never queues a second receipt.
/// </summary>
public class OutboundEmail
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>"receipt:{chargeId}", "sign-in:{tokenId}".</summary>
    public required string IdempotencyKey { get; set; }

    public EmailCategory Category { get; set; }

    public Guid? DonorId { get; set; }

    public required string ToAddress { get; set; }

    public required string ToName { get; set; }

    public required string Subject { get; set; }

    public required string HtmlBody { get; set; }

    public required string TextBody { get; set; }

    /// <summary>
    /// Set when the message is rendered as it is sent rather than when it is queued (a receipt queued by the charge
    /// run, which must not spend its time on HTML): the renderer's name, with <see cref="TemplateRef"/> naming what it renders.
    /// Subject and bodies are filled in at the first send and kept.
    /// </summary>
    public string? Template { get; set; }

    public Guid? TemplateRef { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>A sender holds the message until then; a sender that crashed lets it go when the time passes.</summary>
    public DateTime? ClaimedUntil { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>Set when the relay refused the message for good; it is not tried again.</summary>
    public DateTime? FailedAt { get; set; }

    public string? LastError { get; set; }
}

public enum EmailCategory
{
    /// <summary>Receipts and account mail: always sent, whatever the donor's preferences.</summary>
    Transactional = 1,
    /// <summary>Updates and reports: only with consent, always with a one-click unsubscribe.</summary>
    Bulk = 2,
}

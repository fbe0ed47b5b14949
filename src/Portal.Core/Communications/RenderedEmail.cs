namespace Portal.Core.Communications;

/// <summary>A message ready for the outbox: subject, HTML and the plain-text alternative.</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text)
{
    /// <summary>
    /// Files sent with the message (a tax statement's PDF). The outbox does not store them: only a deferred message
    /// (<see cref="OutboundEmail.Template"/>) can carry them, and its renderer makes them again at every send.
    /// </summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

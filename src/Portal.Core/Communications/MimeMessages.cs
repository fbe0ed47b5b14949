using MimeKit;

namespace Portal.Core.Communications;

internal static class MimeMessages
{
    /// <summary>
    /// A multipart/alternative message (text first, then HTML) whose Message-ID is the outbox row's; inside a
    /// multipart/mixed with the attachments when there are any.
    /// </summary>
    public static MimeMessage From(OutboundEmail email, EmailOptions options, IReadOnlyList<EmailAttachment>? attachments = null)
    {
        var message = new MimeMessage
        {
            Subject = email.Subject,
            MessageId = $"{email.Id:N}@{options.FromAddress.Split('@')[^1]}",
            Date = new DateTimeOffset(email.CreatedAt),
        };
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(email.ToName, email.ToAddress));
        message.Headers.Add("X-Portal-Category", email.Category.ToString());
        var body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        foreach (var attachment in attachments ?? [])
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}

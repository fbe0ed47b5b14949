using MimeKit;

namespace Portal.Core.Communications.Bounces;

/// <summary>
/// Reads a delivery-status notification (RFC 3464: a multipart/report of type delivery-status) for the recipients it
/// reports as failed. Anything else (an auto-reply, a complaint, a message a person wrote) reports nobody.
/// </summary>
public static class DeliveryStatusNotifications
{
    public static IReadOnlyList<BouncedRecipient> Read(MimeMessage message)
    {
        var report = message.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (report is null)
        {
            return [];
        }

        var bounced = new List<BouncedRecipient>();
        // The first group describes the message; each later one, a recipient.
        foreach (var fields in report.StatusGroups.Skip(1))
        {
            var action = fields["Action"]?.Trim();
            // "5.0.0 (permanent failure)": the code, without the comment some servers add.
            var status = fields["Status"]?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            var recipient = Address(fields["Final-Recipient"]) ?? Address(fields["Original-Recipient"]);
            if (recipient is null || status is null || !string.Equals(action, "failed", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var diagnostic = fields["Diagnostic-Code"] is { } code ? Unfold(code) : null;
            bounced.Add(new BouncedRecipient(recipient, status, diagnostic));
        }

        return bounced;
    }

    /// <summary>"rfc822; ada@example.org" → "ada@example.org"; null for another address type.</summary>
    private static string? Address(string? field)
    {
        if (field is null)
        {
            return null;
        }

        var parts = field.Split(';', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[0].Equals("rfc822", StringComparison.OrdinalIgnoreCase) && parts[1].Contains('@', StringComparison.Ordinal)
            ? parts[1].Trim('<', '>')
            : null;
    }

    private static string Unfold(string text) => string.Join(' ', text.Split(['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>A recipient a notification reports as failed, with its status ("5.1.1") and the server's words.</summary>
public sealed record BouncedRecipient(string Address, string Status, string? Diagnostic)
{
    /// <summary>A permanent failure (5.x.x): the address will not work again. A 4.x.x failure may pass another time.</summary>
    public bool IsHard => Status.StartsWith("5.", StringComparison.Ordinal);

    public string Detail => Diagnostic is null ? Status : $"{Status} {Diagnostic}";
}

using MimeKit;

namespace Portal.Core.Donors;

public static class EmailAddresses
{
    /// <summary>
    /// A single plain address (no display name, no group) with a dotted domain, at most 254 characters: what a donor
    /// types, and what every SMTP relay accepts.
    /// </summary>
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > 254 || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        if (!MailboxAddress.TryParse(ParserOptions.Default, address, out var mailbox) || mailbox.Address != address
            || !string.IsNullOrEmpty(mailbox.Name))
        {
            return false;
        }

        var at = address.LastIndexOf('@');
        var domain = address[(at + 1)..];
        return at > 0 && domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.');
    }
}

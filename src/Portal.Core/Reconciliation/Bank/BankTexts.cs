using System.Text.RegularExpressions;

namespace Portal.Core.Reconciliation.Bank;

/// <summary>What a bank line's texts say about the gateway.</summary>
public static partial class BankTexts
{
    /// <summary>The line's counterparty, reference and description as one text to search.</summary>
    public static string Of(string? counterparty, string? reference, string? description) =>
        string.Join(" ", new[] { counterparty, reference, description }.OfType<string>());

    /// <summary>
    /// Whether the text names the payout. Banks upper-case references and break them with spaces or dashes, so both
    /// sides are compared as letters and digits alone, ignoring case.
    /// </summary>
    public static bool Names(string text, string gatewayPayoutId) =>
        Squeeze(gatewayPayoutId) is { Length: >= 8 } id && Squeeze(text).Contains(id, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the line looks like the gateway's transfer: one of its descriptors, or a payout id.</summary>
    public static bool FromGateway(string text, IReadOnlyList<string> descriptors) =>
        descriptors.Any(d => text.Contains(d, StringComparison.OrdinalIgnoreCase)) || PayoutId().IsMatch(text);

    private static string Squeeze(string text) => string.Concat(text.Where(char.IsAsciiLetterOrDigit));

    [GeneratedRegex(@"\bpo_[A-Za-z0-9]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex PayoutId();
}

using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Reconciliation.Bank;

/// <summary>Section <c>Reconciliation:BankMatching</c>: how payouts are found on bank statements.</summary>
public sealed class BankMatchingOptions
{
    public const string Section = "Reconciliation:BankMatching";

    /// <summary>
    /// How many days a payout may reach the bank before or after its arrival date and still match by amount; a paid
    /// payout not on any statement this many days after its arrival date is flagged.
    /// </summary>
    [Range(0, 30)]
    public int ArrivalWindowDays { get; set; } = 3;

    /// <summary>
    /// Words, comma-separated, that mark a bank line as the gateway's transfer when they appear in its counterparty,
    /// reference or description: Stripe's payout statement descriptor and its company name.
    /// </summary>
    [Required]
    public string GatewayDescriptors { get; set; } = "STRIPE";

    public IReadOnlyList<string> Descriptors() =>
        GatewayDescriptors.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

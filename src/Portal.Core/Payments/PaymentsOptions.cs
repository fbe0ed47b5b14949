using System.ComponentModel.DataAnnotations;
using Portal.Core.Shared;

namespace Portal.Core.Payments;

/// <summary>Section <c>Payments</c>: which gateway takes money, in which currencies, within which limits.</summary>
public sealed class PaymentsOptions : IValidatableObject
{
    public const string Section = "Payments";

    /// <summary><c>Sandbox</c> (local test checkout, no money moves) or <c>Stripe</c>.</summary>
    public GatewayKind Gateway { get; set; } = GatewayKind.Sandbox;

    /// <summary>
    /// Outside Development the portal refuses to start on the sandbox unless this is true: a sandbox in production
    /// would record unpaid gifts as paid. Set it only for a staging site that says so.
    /// </summary>
    public bool AllowSandbox { get; set; }

    /// <summary>The currencies donors may choose, comma-separated ISO 4217 codes; the first is the default.</summary>
    [Required]
    public string Currencies { get; set; } = "EUR,USD,GBP,CHF";

    /// <summary>The smallest gift in major units, in any currency without its own limit.</summary>
    [Range(typeof(decimal), "0.01", "1000000")]
    public decimal MinimumAmount { get; set; } = 5m;

    /// <summary>The largest gift in major units; larger gifts are welcome by bank transfer, not by card.</summary>
    [Range(typeof(decimal), "1", "100000000")]
    public decimal MaximumAmount { get; set; } = 25000m;

    /// <summary>Per-currency limits that override the two above: <c>{ "JPY": { "Minimum": 500, "Maximum": 3000000 } }</c>.</summary>
    public Dictionary<string, AmountLimits> CurrencyLimits { get; set; } = [];

    /// <summary>The amounts offered as buttons, in major units, comma-separated.</summary>
    [Required]
    public string PresetAmounts { get; set; } = "15,30,50,100";

    /// <summary>The gateway's percentage fee in basis points (150 = 1.5 %), for the "cover the fee" estimate.</summary>
    [Range(0, 2000)]
    public int FeeBasisPoints { get; set; } = 150;

    /// <summary>The gateway's fixed fee per payment, in minor units per currency.</summary>
    public Dictionary<string, long> FeeFixedMinor { get; set; } = [];

    /// <summary>How long the sandbox's pretend bank takes to settle or return a SEPA debit.</summary>
    [Range(1, 86400)]
    public int SandboxSepaSettleSeconds { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var codes = Currencies.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (codes.Length == 0)
        {
            yield return new ValidationResult("Payments:Currencies must name at least one currency.", [nameof(Currencies)]);
        }

        foreach (var code in codes.Concat(CurrencyLimits.Keys).Concat(FeeFixedMinor.Keys).Where(code => !Currency.TryParse(code, out _)))
        {
            yield return new ValidationResult($"Payments: '{code}' is not an ISO 4217 currency code.", [nameof(Currencies)]);
        }

        if (PresetAmounts.Split(',', StringSplitOptions.TrimEntries)
            .Any(preset => !decimal.TryParse(preset, System.Globalization.CultureInfo.InvariantCulture, out var value) || value <= 0))
        {
            yield return new ValidationResult("Payments:PresetAmounts must be positive numbers separated by commas.", [nameof(PresetAmounts)]);
        }

        if (MinimumAmount >= MaximumAmount)
        {
            yield return new ValidationResult("Payments:MinimumAmount must be less than Payments:MaximumAmount.", [nameof(MinimumAmount)]);
        }
    }
}

public sealed class AmountLimits
{
    public decimal Minimum { get; set; }

    public decimal Maximum { get; set; }
}

public enum GatewayKind
{
    Sandbox = 1,
    Stripe = 2,
}

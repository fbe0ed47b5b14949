using System.Globalization;
using Microsoft.Extensions.Options;
using Portal.Core.Shared;

namespace Portal.Core.Payments;

/// <summary>The currencies offered, each with its limits, preset amounts and fee estimate.</summary>
public sealed class CurrencyRules
{
    // Typical card fees (minor units) where the configuration names none.
    private static readonly Dictionary<string, long> DefaultFixedFees = new() { ["EUR"] = 25, ["USD"] = 30, ["GBP"] = 20, ["CHF"] = 30 };

    private readonly PaymentsOptions options;

    public CurrencyRules(IOptions<PaymentsOptions> options)
    {
        this.options = options.Value;
        Offered = this.options.Currencies.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(Currency.Of).Distinct().ToList();
    }

    public IReadOnlyList<Currency> Offered { get; }

    public Currency Default => Offered[0];

    public bool IsOffered(string? code) => Currency.TryParse(code, out var currency) && Offered.Contains(currency);

    public (Money Minimum, Money Maximum) Limits(Currency currency)
    {
        var limits = options.CurrencyLimits.FirstOrDefault(pair => string.Equals(pair.Key, currency.Code, StringComparison.OrdinalIgnoreCase)).Value;
        return (Major(limits?.Minimum ?? options.MinimumAmount, currency), Major(limits?.Maximum ?? options.MaximumAmount, currency));
    }

    /// <summary>The fund's own amounts when the donor gives in the fund's currency, else the portal's for the currency.</summary>
    public IReadOnlyList<Money> Presets(Currency currency, Funds.Fund fund) =>
        fund.PresetsMinor is { Length: > 0 } presets && fund.Currency == currency.Code
            ? presets.Split(',').Select(p => new Money(long.Parse(p, CultureInfo.InvariantCulture), currency)).ToList()
            : Presets(currency);

    public IReadOnlyList<Money> Presets(Currency currency) =>
        options.PresetAmounts.Split(',', StringSplitOptions.TrimEntries)
            .Select(preset => Major(decimal.Parse(preset, CultureInfo.InvariantCulture), currency))
            .ToList();

    /// <summary>
    /// The least to add so that, after the estimated fee, the fund receives the whole gift. The closed form
    /// gross = ceil((gift + fixed) / (1 - rate)) ignores that the fee itself is rounded to a minor unit, so the answer
    /// is then moved to the smallest gross that really nets the gift under <see cref="EstimatedFee"/>.
    /// </summary>
    public Money FeeCover(Money gift)
    {
        var fixedFee = new Money(FixedFee(gift.Currency), gift.Currency);
        var one = new Money(1, gift.Currency);
        var gross = (gift + fixedFee).MultiplyFraction(10_000, 10_000 - options.FeeBasisPoints, MidpointRounding.ToPositiveInfinity);
        while (gross - EstimatedFee(gross) < gift)
        {
            gross += one;
        }

        while (gross - one - EstimatedFee(gross - one) >= gift)
        {
            gross -= one;
        }

        return gross - gift;
    }

    /// <summary>The fee the gateway is expected to take from a payment, when it has not told us the real one.</summary>
    public Money EstimatedFee(Money payment) =>
        payment.MultiplyFraction(options.FeeBasisPoints, 10_000, MidpointRounding.AwayFromZero)
            + new Money(FixedFee(payment.Currency), payment.Currency);

    private long FixedFee(Currency currency) =>
        options.FeeFixedMinor
            .FirstOrDefault(pair => string.Equals(pair.Key, currency.Code, StringComparison.OrdinalIgnoreCase)) is { Key: not null } configured
            ? configured.Value
            : DefaultFixedFees.GetValueOrDefault(currency.Code);

    // Limits and presets are configured in major units; a value with more decimals than the currency has is rounded up.
    private static Money Major(decimal major, Currency currency) =>
        new((long)decimal.Ceiling(major * currency.MinorPerMajor), currency);
}

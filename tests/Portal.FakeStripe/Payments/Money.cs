using System.Collections.Frozen;
using System.Globalization;

namespace Portal.FakeStripe;

/// <summary>
/// Stripe's fee and currency-conversion arithmetic. Fees use integers only; conversions use decimal with
/// explicit half-away-from-zero rounding to minor units. No double anywhere money is computed.
/// </summary>
internal sealed class Money(FakeStripeOptions options)
{
    private static readonly FrozenSet<string> ZeroDecimal = FrozenSet.ToFrozenSet(
        ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> ThreeDecimal = FrozenSet.ToFrozenSet(
        ["bhd", "jod", "kwd", "omr", "tnd"], StringComparer.Ordinal);

    // Stripe's minimum charge amounts (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts).
    private static readonly FrozenDictionary<string, long> Minimums = new Dictionary<string, long>
    {
        ["usd"] = 50,
        ["eur"] = 50,
        ["gbp"] = 30,
        ["chf"] = 50,
        ["cad"] = 50,
        ["aud"] = 50,
        ["jpy"] = 50,
        ["dkk"] = 250,
        ["nok"] = 300,
        ["sek"] = 300,
        ["pln"] = 200,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static int Exponent(string currency) =>
        ZeroDecimal.Contains(currency) ? 0 : ThreeDecimal.Contains(currency) ? 3 : 2;

    public static long Minimum(string currency) => Minimums.GetValueOrDefault(currency, 1);

    /// <summary>"0.50 eur", "50 jpy": how Stripe's messages spell an amount.</summary>
    public static string Format(long amount, string currency)
    {
        var exponent = Exponent(currency);
        var major = exponent == 0 ? amount : amount / (decimal)Pow10(exponent);
        return string.Create(CultureInfo.InvariantCulture, $"{major.ToString("F" + exponent, CultureInfo.InvariantCulture)} {currency}");
    }

    /// <summary>
    /// The charge amount as it lands in the balance: in the settlement currency when one is set and differs,
    /// with the rate Stripe would report as <c>exchange_rate</c>; otherwise unchanged with no rate.
    /// </summary>
    public (long Amount, string Currency, decimal? Rate) Settle(long amount, string currency)
    {
        var target = options.SettlementCurrency?.ToLowerInvariant();
        if (target is null || target == currency)
        {
            return (amount, currency, null);
        }

        EnsureSettleable(options, currency);
        return (Convert(amount, currency, target, options.ExchangeRates[currency]), target, options.ExchangeRates[currency]);
    }

    /// <summary>Refuses, before anything is created, a currency the account could not settle.</summary>
    public static void EnsureSettleable(FakeStripeOptions options, string currency)
    {
        var target = options.SettlementCurrency?.ToLowerInvariant();
        if (target is not null && target != currency && !options.ExchangeRates.ContainsKey(currency))
        {
            throw StripeErrors.Invalid(
                $"The fake has no exchange rate from {currency} to {target}; add it to FakeStripeOptions.ExchangeRates.",
                "currency");
        }
    }

    /// <summary>minor(to) = minor(from) / 10^exp(from) × rate × 10^exp(to), rounded half away from zero.</summary>
    public static long Convert(long amount, string from, string to, decimal rate)
    {
        var shift = Exponent(to) - Exponent(from);
        var scaled = amount * rate;
        scaled = shift >= 0 ? scaled * Pow10(shift) : scaled / Pow10(-shift);
        return (long)Math.Round(scaled, 0, MidpointRounding.AwayFromZero);
    }

    /// <summary>round(amount × basis points / 10,000) + the fixed fee of the currency.</summary>
    public long Fee(long amount, string currency) =>
        RoundedDivide(amount * options.FeeBasisPoints, 10_000) + options.FixedFeeByCurrency.GetValueOrDefault(currency, options.FixedFee);

    /// <summary>Integer division rounding half away from zero (denominator positive).</summary>
    public static long RoundedDivide(long numerator, long denominator)
    {
        var quotient = Math.DivRem(numerator, denominator, out var remainder);
        return Math.Abs(remainder) * 2 >= denominator ? quotient + Math.Sign(numerator) : quotient;
    }

    private static long Pow10(int exponent)
    {
        long result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}

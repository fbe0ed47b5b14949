using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Portal.Core.Shared;

/// <summary>An ISO 4217 currency with its number of minor-unit digits (2 for EUR, 0 for JPY, 3 for KWD).</summary>
public readonly record struct Currency
{
    private Currency(string code, int minorDigits)
    {
        Code = code;
        MinorDigits = minorDigits;
    }

    public string Code { get; }

    public int MinorDigits { get; }

    /// <summary>10 to the power of <see cref="MinorDigits"/>: minor units in one major unit.</summary>
    public long MinorPerMajor => MinorDigits switch { 0 => 1, 2 => 100, 3 => 1000, _ => 10000 };

    public static Currency EUR { get; } = Of("EUR");
    public static Currency USD { get; } = Of("USD");
    public static Currency GBP { get; } = Of("GBP");
    public static Currency CHF { get; } = Of("CHF");

    public static bool TryParse([NotNullWhen(true)] string? code, out Currency currency)
    {
        currency = default;
        if (code is null || code.Length != 3)
        {
            return false;
        }

        var upper = code.ToUpperInvariant();
        if (!Iso4217.Active.Contains(upper))
        {
            return false;
        }

        currency = new Currency(upper, Iso4217.MinorDigits.GetValueOrDefault(upper, 2));
        return true;
    }

    /// <summary>The currency for a code known to be valid (configuration, stored rows); throws on a bad code.</summary>
    public static Currency Of(string code) =>
        TryParse(code, out var currency) ? currency : throw new ArgumentException($"'{code}' is not an ISO 4217 currency code.", nameof(code));

    public override string ToString() => Code ?? "";

    private static class Iso4217
    {
        // Active ISO 4217 codes (list 1, 2024 edition), without funds codes and precious metals.
        public static readonly FrozenSet<string> Active = """
            AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF
            CHF CLF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD
            HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL
            LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR
            PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP
            TRY TTD TWD TZS UAH UGX USD UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
            """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToFrozenSet();

        // Every code whose minor unit is not two digits.
        public static readonly FrozenDictionary<string, int> MinorDigits = new Dictionary<string, int>
        {
            ["BIF"] = 0,
            ["CLP"] = 0,
            ["DJF"] = 0,
            ["GNF"] = 0,
            ["ISK"] = 0,
            ["JPY"] = 0,
            ["KMF"] = 0,
            ["KRW"] = 0,
            ["PYG"] = 0,
            ["RWF"] = 0,
            ["UGX"] = 0,
            ["UYI"] = 0,
            ["VND"] = 0,
            ["VUV"] = 0,
            ["XAF"] = 0,
            ["XOF"] = 0,
            ["XPF"] = 0,
            ["BHD"] = 3,
            ["IQD"] = 3,
            ["JOD"] = 3,
            ["KWD"] = 3,
            ["LYD"] = 3,
            ["OMR"] = 3,
            ["TND"] = 3,
            ["CLF"] = 4,
            ["UYW"] = 4,
        }.ToFrozenDictionary();
    }
}

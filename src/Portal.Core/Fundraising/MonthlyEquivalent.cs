using Portal.Core.Sponsorships;

namespace Portal.Core.Fundraising;

/// <summary>What a recurring sponsorship promises per month: a quarter's amount ÷ 3, a year's ÷ 12, rounded half away from zero.</summary>
public static class MonthlyEquivalent
{
    public static long Of(long amountMinor, SponsorshipInterval interval) => interval switch
    {
        SponsorshipInterval.Monthly => amountMinor,
        SponsorshipInterval.Quarterly or SponsorshipInterval.Yearly => Divide(amountMinor, (int)interval),
        _ => 0,
    };

    private static long Divide(long amount, int months)
    {
        var (quotient, remainder) = Math.DivRem(amount, months);
        return 2 * Math.Abs(remainder) >= months ? quotient + Math.Sign(amount) : quotient;
    }
}

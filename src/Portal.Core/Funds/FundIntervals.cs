using Portal.Core.Sponsorships;

namespace Portal.Core.Funds;

/// <summary>The ways of giving a fund offers (a once-only appeal, say, takes no monthly sponsorship).</summary>
[Flags]
public enum FundIntervals
{
    None = 0,
    Once = 1,
    Monthly = 2,
    Quarterly = 4,
    Yearly = 8,
    All = Once | Monthly | Quarterly | Yearly,
}

public static class FundIntervalsRules
{
    public static bool Offers(this FundIntervals offered, SponsorshipInterval interval) => offered.HasFlag(interval switch
    {
        SponsorshipInterval.Once => FundIntervals.Once,
        SponsorshipInterval.Monthly => FundIntervals.Monthly,
        SponsorshipInterval.Quarterly => FundIntervals.Quarterly,
        SponsorshipInterval.Yearly => FundIntervals.Yearly,
        _ => FundIntervals.All,
    });
}

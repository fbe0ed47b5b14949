using Portal.Core.Communications.Updates;

namespace Portal.Core.Tests.Communications.Updates;

/// <summary>The configured rate is a ceiling: the bucket never hands out more in a second than the relay allows.</summary>
public class SendRateTests
{
    [Theory]
    [InlineData(5, 5)]
    [InlineData(15, 10)]
    [InlineData(50, 50)]
    [InlineData(1000, 1000)]
    public void The_bucket_gives_at_most_the_configured_rate_each_second(int perSecond, int expected)
    {
        using var limiter = SendImpactUpdate.Limiter(perSecond) ?? throw new Xunit.Sdk.XunitException("no limiter");
        var period = perSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromMilliseconds(1000.0 / perSecond);
        var granted = 0;
        while (limiter.AttemptAcquire(1).IsAcquired)
        {
            granted++;
        }

        // What the bucket holds at once, times the refills in a second.
        var perSecondAllowed = granted * (int)Math.Round(TimeSpan.FromSeconds(1) / period);
        Assert.True(perSecondAllowed <= perSecond, $"{perSecondAllowed} a second allowed for a limit of {perSecond}");
        Assert.Equal(expected, perSecondAllowed);
    }

    [Fact]
    public void No_rate_means_no_limiter() => Assert.Null(SendImpactUpdate.Limiter(0));
}

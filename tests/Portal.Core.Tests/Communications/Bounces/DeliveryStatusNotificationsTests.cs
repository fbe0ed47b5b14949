using System.Text;
using MimeKit;
using Portal.Core.Communications.Bounces;

namespace Portal.Core.Tests.Communications.Bounces;

/// <summary>The DSN reader on RFC 3464's own examples.</summary>
public class DeliveryStatusNotificationsTests
{
    [Fact]
    public void A_multi_recipient_DSN_reports_its_two_permanent_failures_and_not_the_delay()
    {
        var bounced = DeliveryStatusNotifications.Read(Parse(DsnSamples.Hard));

        Assert.Equal(["arathib@vnet.ibm.com", "wsnell@sdcc13.ucsd.edu"], bounced.Select(b => b.Address));
        Assert.All(bounced, b => Assert.True(b.IsHard));
        Assert.Equal("5.0.0", bounced[0].Status);
        Assert.Equal("5.0.0 smtp; 550 'arathib@vnet.IBM.COM' is not a registered gateway user", bounced[0].Detail);
        Assert.Equal("5.0.0 smtp; 550 user unknown", bounced[1].Detail);
    }

    [Fact]
    public void A_failure_with_a_transient_status_is_reported_but_is_not_hard()
    {
        var bounced = Assert.Single(DeliveryStatusNotifications.Read(Parse(DsnSamples.Soft)));

        Assert.Equal("louisl@larry.slip.umd.edu", bounced.Address);
        Assert.Equal("4.0.0", bounced.Status);
        Assert.False(bounced.IsHard);
    }

    [Fact]
    public void A_message_that_is_not_a_DSN_reports_nobody()
    {
        Assert.Empty(DeliveryStatusNotifications.Read(Parse(DsnSamples.NotADsn)));
    }

    internal static MimeMessage Parse(string text) => MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(text.ReplaceLineEndings("\r\n"))));
}

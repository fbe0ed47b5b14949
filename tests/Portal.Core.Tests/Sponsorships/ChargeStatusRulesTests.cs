using Portal.Core.Sponsorships;

namespace Portal.Core.Tests.Sponsorships;

public class ChargeStatusRulesTests
{
    [Theory]
    [InlineData(ChargeStatus.Succeeded, true)]
    [InlineData(ChargeStatus.Refunded, true)]
    [InlineData(ChargeStatus.Disputed, true)]
    [InlineData(ChargeStatus.Scheduled, false)]
    [InlineData(ChargeStatus.InFlight, false)]
    [InlineData(ChargeStatus.Processing, false)]
    [InlineData(ChargeStatus.Failed, false)]
    [InlineData(ChargeStatus.ActionRequired, false)]
    public void A_charge_counts_as_paid_once_it_succeeded_even_if_refunded_or_disputed_since(ChargeStatus status, bool paid) =>
        Assert.Equal(paid, status.CountsAsPaid());

    [Fact]
    public void Every_status_has_an_answer() =>
        Assert.Equal(3, Enum.GetValues<ChargeStatus>().Count(s => s.CountsAsPaid()));
}

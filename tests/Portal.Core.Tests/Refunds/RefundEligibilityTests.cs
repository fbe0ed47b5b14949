using Portal.Core.Refunds;
using Portal.Core.Sponsorships;

namespace Portal.Core.Tests.Refunds;

public class RefundEligibilityTests
{
    [Theory]
    [InlineData(ChargeStatus.Succeeded, 0, true)]
    [InlineData(ChargeStatus.Succeeded, 1000, true)]
    [InlineData(ChargeStatus.Succeeded, 3000, false)]
    [InlineData(ChargeStatus.Refunded, 3000, false)]
    [InlineData(ChargeStatus.Disputed, 0, false)]
    [InlineData(ChargeStatus.Processing, 0, false)]
    [InlineData(ChargeStatus.Failed, 0, false)]
    public void A_donor_can_ask_for_a_succeeded_payment_with_something_left_to_refund(ChargeStatus status, long refunded, bool canAsk) =>
        Assert.Equal(canAsk, RefundEligibility.DonorCanAsk(Charge(status, refunded, "pi_1")));

    [Theory]
    [InlineData(ChargeStatus.Succeeded, "pi_1", true)]
    [InlineData(ChargeStatus.Refunded, "pi_1", true)]
    [InlineData(ChargeStatus.Disputed, "pi_1", false)]
    [InlineData(ChargeStatus.Processing, "pi_1", false)]
    [InlineData(ChargeStatus.Succeeded, null, false)]
    public void Finance_can_refund_what_went_through_at_the_gateway_and_is_not_disputed(ChargeStatus status, string? intent, bool can) =>
        Assert.Equal(can, RefundEligibility.FinanceCanRefund(Charge(status, 0, intent)));

    private static Charge Charge(ChargeStatus status, long refunded, string? intent) => new()
    {
        AmountMinor = 3000,
        AmountRefundedMinor = refunded,
        Currency = "EUR",
        Gateway = "sandbox",
        Status = status,
        PaymentIntentId = intent,
    };
}

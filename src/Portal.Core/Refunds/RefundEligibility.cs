using Portal.Core.Sponsorships;

namespace Portal.Core.Refunds;

/// <summary>Which payments can be refunded, and by whom: the desk, the donor's form and their account page ask here.</summary>
public static class RefundEligibility
{
    /// <summary>
    /// Finance can refund (what is left of) a payment that went through at the gateway and is not disputed; a disputed
    /// one is settled by the dispute, never refunded on top.
    /// </summary>
    public static bool FinanceCanRefund(Charge charge) =>
        charge.Status is ChargeStatus.Succeeded or ChargeStatus.Refunded && charge.PaymentIntentId is not null;

    /// <summary>A donor can ask for a payment back from their account: it succeeded and not all of it was refunded yet.</summary>
    public static bool DonorCanAsk(Charge charge) => charge.Status == ChargeStatus.Succeeded && charge.AmountRefundedMinor < charge.AmountMinor;
}

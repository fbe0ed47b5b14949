namespace Portal.Core.Sponsorships;

/// <summary>What a charge's status means; every caller asks here instead of listing statuses.</summary>
public static class ChargeStatusRules
{
    /// <summary>
    /// The donor's money came in: the charge succeeded, even if it was refunded or disputed since. Reconciliation,
    /// the charge run's counters and the gateway event handlers treat such a charge as paid.
    /// </summary>
    public static bool CountsAsPaid(this ChargeStatus status) => status is ChargeStatus.Succeeded or ChargeStatus.Refunded or ChargeStatus.Disputed;
}

namespace Portal.Core.Hosting;

/// <summary>
/// Asks the job system to do something soon. The database already holds the work (an inbox row, an outbox row), so a
/// lost request only delays it until the recurring sweep finds it; nothing is lost.
/// </summary>
public interface IBackgroundWork
{
    /// <summary>
    /// Events were stored: wake this process's event appliers now (an in-memory nudge, never a job). Appliers on other
    /// nodes find the events by polling.
    /// </summary>
    void ApplyGatewayEvents();

    void SendQueuedEmails();

    /// <summary>Work the recorded sign-in link requests now (a recurring sweep finds any that a lost nudge left).</summary>
    void SendSignInLinks();

    /// <summary>A charge run now, asked for by a staff member (the scheduled one runs hourly).</summary>
    void ChargeDueSponsorships(string startedBy);

    /// <summary>The sandbox's stand-in for a bank settling a SEPA debit some time later.</summary>
    void SettleSandboxPayment(string paymentId, TimeSpan after);

    /// <summary>Start (or carry on) sending impact updates now, rather than at the next minute.</summary>
    void SendImpactUpdates();

    /// <summary>Count each fund's audience and the tax statements now, rather than at the next ten minutes.</summary>
    void CountAudiences();

    /// <summary>Move a closed fund's sponsorships now (a recurring sweep carries on any move left unfinished).</summary>
    void MoveFundSponsorships(Guid moveId);
}

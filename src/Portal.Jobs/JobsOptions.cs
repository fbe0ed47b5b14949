using System.ComponentModel.DataAnnotations;

namespace Portal.Jobs;

/// <summary>Section <c>Jobs</c>: where Hangfire keeps its queue, whether this process runs jobs, and the schedules.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// Run a Hangfire server in this process. The web process does by default; turn it off on web nodes when worker nodes run
    /// the jobs.
    /// </summary>
    public bool RunServer { get; set; } = true;

    /// <summary>
    /// <c>Database</c>: Hangfire's tables beside the portal's (a SQLite file beside it on the embedded default).
    /// <c>InMemory</c>: tests only.
    /// </summary>
    public JobStorageKind Storage { get; set; } = JobStorageKind.Database;

    [Range(1, 100)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>
    /// On SIGTERM, how long this process waits for running jobs to finish what they hold (a charge run its claimed
    /// batch, a send its claimed deliveries) before it exits. Keep it above Charges:StopGrace and below the service
    /// manager's stop timeout (systemd TimeoutStopSec, a container's stop grace period).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The worker host only: addresses (separated by ;) of a small listener serving /health/live and /health/ready,
    /// such as <c>http://0.0.0.0:8081</c>. Empty (the default): no listener.
    /// </summary>
    public string? HealthUrls { get; set; }

    /// <summary>
    /// Sweep for stored gateway events the appliers left (every minute); it claims them as the appliers do. The appliers'
    /// own settings (Jobs:EventAppliers, EventBatchSize, EventPoll, EventLease) are in <c>EventApplyOptions</c>.
    /// </summary>
    [Required]
    public string ApplyEventsCron { get; set; } = "* * * * *";

    /// <summary>Send what the outbox holds (every minute; new mail is also sent at once).</summary>
    [Required]
    public string SendEmailsCron { get; set; } = "* * * * *";

    /// <summary>Work the sign-in link requests a lost nudge left (every minute; each request also starts a run at once).</summary>
    [Required]
    public string SendSignInLinksCron { get; set; } = "* * * * *";

    /// <summary>Start scheduled impact updates and carry on sends (every minute; "send now" also starts one at once).</summary>
    [Required]
    public string SendUpdatesCron { get; set; } = "* * * * *";

    /// <summary>
    /// Charge the periods that are due (hourly, on the hour, UTC). A period is due from midnight of its day in the charity's
    /// time zone.
    /// </summary>
    [Required]
    public string ChargeCron { get; set; } = "0 * * * *";

    /// <summary>Seal new audit records into the tamper-evident chain (every minute).</summary>
    [Required]
    public string SealAuditCron { get; set; } = "* * * * *";

    /// <summary>Import recent payouts, flag payments no payout settled, resend unanswered refunds (daily at 02:30 UTC).</summary>
    [Required]
    public string ReconcilePayoutsCron { get; set; } = "30 2 * * *";

    /// <summary>Compare charges, refunds and disputes with the gateway and repair what missed events left (daily at 03:00 UTC).</summary>
    [Required]
    public string DriftRepairCron { get; set; } = "0 3 * * *";

    /// <summary>Count each fund's audience and the tax statements for the Communications home page (every ten minutes).</summary>
    [Required]
    public string CountAudiencesCron { get; set; } = "*/10 * * * *";

    /// <summary>Carry on a move of a closed fund's sponsorships that a lost nudge or a restart left (every ten minutes).</summary>
    [Required]
    public string MoveFundSponsorshipsCron { get; set; } = "*/10 * * * *";

    /// <summary>Check the ledger's totals against its lines, and rebuild them if they ever differ (daily at 03:30 UTC).</summary>
    [Required]
    public string CheckLedgerTotalsCron { get; set; } = "30 3 * * *";

    /// <summary>Remind donors whose saved card expires before their next charge (daily at 08:00).</summary>
    [Required]
    public string CardExpiryRemindersCron { get; set; } = "0 8 * * *";

    /// <summary>
    /// Build the last quarter's transparency reports as drafts (05:00 UTC on the 5th of January, April, July and
    /// October): a few days after the quarter ends, so late gateway events and spending imports are in the ledger.
    /// </summary>
    [Required]
    public string QuarterlyReportsCron { get; set; } = "0 5 5 1,4,7,10 *";

    /// <summary>Build last year's transparency reports as drafts (05:00 UTC on 10 January).</summary>
    [Required]
    public string YearlyReportsCron { get; set; } = "0 5 10 1 *";

    /// <summary>
    /// Issue and e-mail the tax statements of the fiscal year that ended last (on the 15th of each month at 06:00 UTC:
    /// the first run after a year ends issues it; later runs issue only what an earlier run could not).
    /// </summary>
    [Required]
    public string TaxStatementsCron { get; set; } = "0 6 15 * *";

    /// <summary>Read bounces from the IMAP mailbox, when Email:Bounces:Imap is enabled (every 10 minutes).</summary>
    [Required]
    public string ReadBouncesCron { get; set; } = "*/10 * * * *";

    /// <summary>Delete the counters of the shared per-IP limits whose window ended a day ago (hourly, at a quarter past).</summary>
    [Required]
    public string PruneLimitCountersCron { get; set; } = "15 * * * *";

    /// <summary>Finish erasures that stopped short and erase inactive donors, when Privacy:EraseInactiveAfterYears is set (daily, 03:40).</summary>
    [Required]
    public string EraseInactiveDonorsCron { get; set; } = "40 3 * * *";
}

public enum JobStorageKind
{
    Database = 1,
    InMemory = 2,
}

using Hangfire;
using Microsoft.Extensions.Options;
using Portal.Jobs.Jobs;

namespace Portal.Jobs;

/// <summary>Every recurring job, its id and its schedule, in one place. Idempotent: it runs at every start.</summary>
public static class RecurringJobs
{
    public const string ApplyGatewayEvents = "apply-gateway-events";
    public const string SendQueuedEmails = "send-queued-emails";
    public const string ChargeDueSponsorships = "charge-due-sponsorships";
    public const string CardExpiryReminders = "card-expiry-reminders";
    public const string SealAuditChain = "seal-audit-chain";
    public const string ReconcilePayouts = "reconcile-payouts";
    public const string DriftRepair = "drift-repair";
    public const string SendImpactUpdates = "send-impact-updates";
    public const string QuarterlyTransparencyReports = "quarterly-transparency-reports";
    public const string YearlyTransparencyReports = "yearly-transparency-reports";
    public const string TaxStatements = "tax-statements";
    public const string ReadBounces = "read-bounces";
    public const string CheckLedgerTotals = "check-ledger-totals";
    public const string CountAudiences = "count-audiences";
    public const string PruneLimitCounters = "prune-limit-counters";
    public const string SendSignInLinks = "send-sign-in-links";
    public const string EraseInactiveDonors = "erase-inactive-donors";
    public const string MoveFundSponsorships = "move-fund-sponsorships";

    public static void Register(IRecurringJobManager jobs, IOptions<JobsOptions> options)
    {
        var schedules = options.Value;
        jobs.AddOrUpdate<ApplyGatewayEventsJob>(
            ApplyGatewayEvents,
            JobQueues.Events,
            job => job.ApplyDue(CancellationToken.None),
            schedules.ApplyEventsCron);
        jobs.AddOrUpdate<SendQueuedEmailsJob>(SendQueuedEmails, JobQueues.Mail, job => job.Run(CancellationToken.None), schedules.SendEmailsCron);
        jobs.AddOrUpdate<SendSignInLinksJob>(SendSignInLinks, JobQueues.Mail, job => job.Run(CancellationToken.None), schedules.SendSignInLinksCron);
        jobs.AddOrUpdate<SendImpactUpdatesJob>(SendImpactUpdates, JobQueues.Mail, job => job.Run(CancellationToken.None), schedules.SendUpdatesCron);
        jobs.AddOrUpdate<ChargeDueSponsorshipsJob>(
            ChargeDueSponsorships,
            JobQueues.Default,
            job => job.Run("schedule", CancellationToken.None),
            schedules.ChargeCron);
        jobs.AddOrUpdate<SealAuditChainJob>(SealAuditChain, JobQueues.Default, job => job.Run(CancellationToken.None), schedules.SealAuditCron);
        jobs.AddOrUpdate<ReconcilePayoutsJob>(
            ReconcilePayouts,
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            schedules.ReconcilePayoutsCron);
        jobs.AddOrUpdate<DriftRepairJob>(DriftRepair, JobQueues.Default, job => job.Run(CancellationToken.None), schedules.DriftRepairCron);
        jobs.AddOrUpdate<CountAudiencesJob>(CountAudiences, JobQueues.Default, job => job.Run(CancellationToken.None), schedules.CountAudiencesCron);
        jobs.AddOrUpdate<MoveFundSponsorshipsJob>(
            MoveFundSponsorships,
            JobQueues.Default,
            job => job.Unfinished(CancellationToken.None),
            schedules.MoveFundSponsorshipsCron);
        jobs.AddOrUpdate<CheckLedgerTotalsJob>(
            CheckLedgerTotals,
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            schedules.CheckLedgerTotalsCron);
        jobs.AddOrUpdate<CardExpiryRemindersJob>(
            CardExpiryReminders,
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            schedules.CardExpiryRemindersCron);
        jobs.AddOrUpdate<BuildTransparencyReportsJob>(
            QuarterlyTransparencyReports,
            JobQueues.Default,
            job => job.LastQuarter(CancellationToken.None),
            schedules.QuarterlyReportsCron);
        jobs.AddOrUpdate<BuildTransparencyReportsJob>(
            YearlyTransparencyReports,
            JobQueues.Default,
            job => job.LastYear(CancellationToken.None),
            schedules.YearlyReportsCron);
        jobs.AddOrUpdate<IssueTaxStatementsJob>(
            TaxStatements,
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            schedules.TaxStatementsCron);
        jobs.AddOrUpdate<ReadBouncesJob>(ReadBounces, JobQueues.Mail, job => job.Run(CancellationToken.None), schedules.ReadBouncesCron);
        jobs.AddOrUpdate<PruneLimitCountersJob>(
            PruneLimitCounters,
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            schedules.PruneLimitCountersCron);
        jobs.AddOrUpdate<EraseInactiveDonorsJob>(
            EraseInactiveDonors,
            JobQueues.Default,
            job => job.Run(CancellationToken.None),
            schedules.EraseInactiveDonorsCron);
    }
}

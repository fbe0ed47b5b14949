using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Communications;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Ledger;
using Portal.Core.Payments.Events;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Runs;

namespace Portal.Core.Data;

/// <summary>
/// The portal's database. One context for every provider; each provider has a subclass only so that its migrations
/// live apart (<see cref="SqlitePortalDbContext"/>, <see cref="SqlServerPortalDbContext"/>, <see cref="PostgresPortalDbContext"/>).
/// </summary>
public class PortalDbContext(DbContextOptions options)
    : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<Fund> Funds => Set<Fund>();
    public DbSet<FundTranslation> FundTranslations => Set<FundTranslation>();
    public DbSet<FundSlugRedirect> FundSlugRedirects => Set<FundSlugRedirect>();
    public DbSet<FundMove> FundMoves => Set<FundMove>();
    public DbSet<FundPhoto> FundPhotos => Set<FundPhoto>();
    public DbSet<FundPhotoTranslation> FundPhotoTranslations => Set<FundPhotoTranslation>();
    public DbSet<Donor> Donors => Set<Donor>();
    public DbSet<DonorGatewayCustomer> DonorGatewayCustomers => Set<DonorGatewayCustomer>();
    public DbSet<DonorSignInToken> DonorSignInTokens => Set<DonorSignInToken>();
    public DbSet<DonorSignInRequest> DonorSignInRequests => Set<DonorSignInRequest>();
    public DbSet<DonorSession> DonorSessions => Set<DonorSession>();
    public DbSet<Donors.Care.DonorMerge> DonorMerges => Set<Donors.Care.DonorMerge>();
    public DbSet<Sponsorship> Sponsorships => Set<Sponsorship>();
    public DbSet<Charge> Charges => Set<Charge>();
    public DbSet<ChargeAttempt> ChargeAttempts => Set<ChargeAttempt>();
    public DbSet<ChargeRun> ChargeRuns => Set<ChargeRun>();

    public DbSet<ChargeRunPart> ChargeRunParts => Set<ChargeRunPart>();
    public DbSet<Spending.SpendingRecord> SpendingRecords => Set<Spending.SpendingRecord>();
    public DbSet<GatewayEvent> GatewayEvents => Set<GatewayEvent>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<JournalLine> JournalLines => Set<JournalLine>();
    public DbSet<Ledger.Totals.AccountTotal> AccountTotals => Set<Ledger.Totals.AccountTotal>();
    public DbSet<Ledger.Totals.AccountDayTotal> AccountDayTotals => Set<Ledger.Totals.AccountDayTotal>();
    public DbSet<Ledger.Totals.GiftDayTotal> GiftDayTotals => Set<Ledger.Totals.GiftDayTotal>();
    public DbSet<Ledger.Totals.GiftDonorDay> GiftDonorDays => Set<Ledger.Totals.GiftDonorDay>();
    public DbSet<Ledger.Totals.FundSponsorCount> FundSponsorCounts => Set<Ledger.Totals.FundSponsorCount>();
    public DbSet<Ledger.Totals.SponsorshipEvent> SponsorshipEvents => Set<Ledger.Totals.SponsorshipEvent>();
    public DbSet<Ledger.Totals.SponsorshipMonthTotal> SponsorshipMonthTotals => Set<Ledger.Totals.SponsorshipMonthTotal>();
    public DbSet<Ledger.Totals.GiftMonthTotal> GiftMonthTotals => Set<Ledger.Totals.GiftMonthTotal>();
    public DbSet<Ledger.Totals.LedgerTotalsState> LedgerTotalsStates => Set<Ledger.Totals.LedgerTotalsState>();
    public DbSet<OutboundEmail> OutboundEmails => Set<OutboundEmail>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<SandboxPayment> SandboxPayments => Set<SandboxPayment>();
    public DbSet<Refunds.Refund> Refunds => Set<Refunds.Refund>();
    public DbSet<Refunds.RefundRequest> RefundRequests => Set<Refunds.RefundRequest>();
    public DbSet<Disputes.Dispute> Disputes => Set<Disputes.Dispute>();
    public DbSet<Reconciliation.Payout> Payouts => Set<Reconciliation.Payout>();
    public DbSet<Reconciliation.PayoutLine> PayoutLines => Set<Reconciliation.PayoutLine>();
    public DbSet<Reconciliation.ReconciliationException> ReconciliationExceptions => Set<Reconciliation.ReconciliationException>();
    public DbSet<Reconciliation.Bank.BankStatement> BankStatements => Set<Reconciliation.Bank.BankStatement>();
    public DbSet<Reconciliation.Bank.BankLine> BankLines => Set<Reconciliation.Bank.BankLine>();
    public DbSet<Gifts.OfflineGift> OfflineGifts => Set<Gifts.OfflineGift>();
    public DbSet<Gifts.GiftReference> GiftReferences => Set<Gifts.GiftReference>();
    public DbSet<Reconciliation.DriftRun> DriftRuns => Set<Reconciliation.DriftRun>();
    public DbSet<ClosedPeriod> ClosedPeriods => Set<ClosedPeriod>();
    public DbSet<Communications.Updates.ImpactUpdate> ImpactUpdates => Set<Communications.Updates.ImpactUpdate>();
    public DbSet<Communications.Updates.UpdateDelivery> UpdateDeliveries => Set<Communications.Updates.UpdateDelivery>();
    public DbSet<Communications.Updates.UpdateImage> UpdateImages => Set<Communications.Updates.UpdateImage>();
    public DbSet<Communications.Consent.EmailSuppression> EmailSuppressions => Set<Communications.Consent.EmailSuppression>();
    public DbSet<Communications.Consent.ConsentRecord> ConsentRecords => Set<Communications.Consent.ConsentRecord>();
    public DbSet<Transparency.TransparencyReport> TransparencyReports => Set<Transparency.TransparencyReport>();
    public DbSet<Transparency.TaxStatement> TaxStatements => Set<Transparency.TaxStatement>();
    public DbSet<Communications.Audiences.FundAudienceCount> FundAudienceCounts => Set<Communications.Audiences.FundAudienceCount>();
    public DbSet<Communications.Audiences.TaxStatementYearCount> TaxStatementYearCounts => Set<Communications.Audiences.TaxStatementYearCount>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Hosting.Limits.LimitCounter> LimitCounters => Set<Hosting.Limits.LimitCounter>();
    public DbSet<Privacy.ErasureRequest> ErasureRequests => Set<Privacy.ErasureRequest>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    /// <summary>
    /// Donor care's prefix searches read a key range [prefix, next prefix) of an index (Donors.DonorSearch); that is
    /// only every key with the prefix when the keys are ordered by code point, as SQLite orders them by default.
    /// </summary>
    protected static void SearchKeysInCodePointOrder(ModelBuilder builder, string collation, bool email)
    {
        var donor = builder.Entity<Donor>();
        donor.Property(d => d.SearchName).UseCollation(collation);
        donor.Property(d => d.SearchLastName).UseCollation(collation);
        if (email)
        {
            donor.Property(d => d.NormalizedEmail).UseCollation(collation);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC; the converter restores the kind that SQLite and SQL Server do not store.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

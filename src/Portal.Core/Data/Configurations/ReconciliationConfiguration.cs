using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Ledger;
using Portal.Core.Reconciliation;
using Portal.Core.Reconciliation.Bank;
using Portal.Core.Sponsorships;

namespace Portal.Core.Data.Configurations;

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> builder)
    {
        builder.Property(p => p.Gateway).HasMaxLength(32);
        builder.Property(p => p.GatewayPayoutId).HasMaxLength(255);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.FailureCode).HasMaxLength(64);
        builder.HasIndex(p => new { p.Gateway, p.GatewayPayoutId }).IsUnique();
        builder.HasIndex(p => p.ArrivalDate);
        builder.HasMany<PayoutLine>().WithOne().HasForeignKey(l => l.PayoutId);
    }
}

internal sealed class PayoutLineConfiguration : IEntityTypeConfiguration<PayoutLine>
{
    public void Configure(EntityTypeBuilder<PayoutLine> builder)
    {
        builder.Property(l => l.BalanceTransactionId).HasMaxLength(255);
        builder.Property(l => l.Type).HasMaxLength(64);
        builder.Property(l => l.ReportingCategory).HasMaxLength(64);
        builder.Property(l => l.SourceId).HasMaxLength(255);
        builder.Property(l => l.Currency).HasMaxLength(3);
        builder.Property(l => l.ExchangeRate).HasPrecision(24, 12);
        builder.HasIndex(l => l.BalanceTransactionId).IsUnique();
        builder.HasIndex(l => new { l.PayoutId, l.Id });
        builder.HasIndex(l => l.ChargeId);
        builder.HasOne<Charge>().WithMany().HasForeignKey(l => l.ChargeId);
    }
}

internal sealed class ReconciliationExceptionConfiguration : IEntityTypeConfiguration<ReconciliationException>
{
    public void Configure(EntityTypeBuilder<ReconciliationException> builder)
    {
        builder.Property(e => e.Key).HasMaxLength(300);
        builder.Property(e => e.Summary).HasMaxLength(500);
        builder.Property(e => e.Currency).HasMaxLength(3);
        builder.Property(e => e.Resolution).HasMaxLength(500);
        builder.Property(e => e.ResolvedBy).HasMaxLength(256);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasIndex(e => e.Key).IsUnique();
        builder.HasIndex(e => new { e.Status, e.CreatedAt });
        builder.HasIndex(e => e.PayoutId);
        builder.HasOne(e => e.Line).WithMany().HasForeignKey(e => e.PayoutLineId);
    }
}

internal sealed class BankStatementConfiguration : IEntityTypeConfiguration<BankStatement>
{
    public void Configure(EntityTypeBuilder<BankStatement> builder)
    {
        builder.Property(s => s.FileName).HasMaxLength(255);
        builder.Property(s => s.Format).HasMaxLength(16);
        builder.Property(s => s.AccountIdentifier).HasMaxLength(64);
        builder.Property(s => s.ContentHash).HasMaxLength(64);
        builder.Property(s => s.ImportedBy).HasMaxLength(256);
        builder.HasIndex(s => s.ContentHash).IsUnique();
        builder.HasMany<BankLine>().WithOne().HasForeignKey(l => l.BankStatementId);
    }
}

internal sealed class BankLineConfiguration : IEntityTypeConfiguration<BankLine>
{
    public void Configure(EntityTypeBuilder<BankLine> builder)
    {
        builder.Property(l => l.LineKey).HasMaxLength(300);
        builder.Property(l => l.Currency).HasMaxLength(3);
        builder.Property(l => l.Reference).HasMaxLength(300);
        builder.Property(l => l.Counterparty).HasMaxLength(200);
        builder.Property(l => l.Description).HasMaxLength(500);
        builder.Property(l => l.BookingKey).HasMaxLength(120);
        builder.Property(l => l.CounterpartyAccount).HasMaxLength(34);
        builder.Property(l => l.CreditorReference).HasMaxLength(35);
        builder.HasIndex(l => l.LineKey).IsUnique();
        builder.HasIndex(l => l.BookingKey);
        builder.HasIndex(l => new { l.Status, l.BookedOn });
        builder.HasOne<Payout>().WithMany().HasForeignKey(l => l.PayoutId);
    }
}

internal sealed class DriftRunConfiguration : IEntityTypeConfiguration<DriftRun>
{
    public void Configure(EntityTypeBuilder<DriftRun> builder)
    {
        builder.Property(r => r.Error).HasMaxLength(1000);
        builder.HasIndex(r => r.StartedAt);
        builder.HasMany(r => r.Changes).WithOne().HasForeignKey(c => c.DriftRunId);
    }
}

internal sealed class DriftChangeConfiguration : IEntityTypeConfiguration<DriftChange>
{
    public void Configure(EntityTypeBuilder<DriftChange> builder)
    {
        builder.Property(c => c.Subject).HasMaxLength(300);
        builder.Property(c => c.Change).HasMaxLength(1000);
    }
}

internal sealed class ClosedPeriodConfiguration : IEntityTypeConfiguration<ClosedPeriod>
{
    public void Configure(EntityTypeBuilder<ClosedPeriod> builder)
    {
        builder.Ignore(p => p.LastDay);
        builder.Property(p => p.ClosedBy).HasMaxLength(256);
        builder.HasIndex(p => p.Month).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Transparency;

namespace Portal.Core.Data.Configurations;

internal sealed class TransparencyReportConfiguration : IEntityTypeConfiguration<TransparencyReport>
{
    public void Configure(EntityTypeBuilder<TransparencyReport> builder)
    {
        builder.Property(r => r.PeriodKey).HasMaxLength(16);
        builder.Property(r => r.ChildDataConfirmedBy).HasMaxLength(256);
        builder.Property(r => r.PublishedBy).HasMaxLength(256);
        // One report per fund and period: the quarterly job can run twice and build it once.
        builder.HasIndex(r => new { r.FundId, r.PeriodKey }).IsUnique();
        builder.HasOne<Fund>().WithMany().HasForeignKey(r => r.FundId);
    }
}

internal sealed class TaxStatementConfiguration : IEntityTypeConfiguration<TaxStatement>
{
    public void Configure(EntityTypeBuilder<TaxStatement> builder)
    {
        builder.Property(s => s.Number).HasMaxLength(32);
        builder.HasIndex(s => s.Number).IsUnique();
        // Once per donor and fiscal year, however often the yearly job runs.
        builder.HasIndex(s => new { s.DonorId, s.FiscalYear }).IsUnique();
        builder.HasOne<Donor>().WithMany().HasForeignKey(s => s.DonorId);
    }
}

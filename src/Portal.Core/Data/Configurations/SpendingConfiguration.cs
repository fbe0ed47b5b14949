using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Funds;
using Portal.Core.Spending;

namespace Portal.Core.Data.Configurations;

internal sealed class SpendingConfiguration : IEntityTypeConfiguration<SpendingRecord>
{
    public void Configure(EntityTypeBuilder<SpendingRecord> builder)
    {
        builder.Property(s => s.Currency).HasMaxLength(3);
        builder.Property(s => s.Description).HasMaxLength(500);
        builder.Property(s => s.Reference).HasMaxLength(100);
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        // Per fund and period, as reports and statements ask for it; a reference once per fund, so imports repeat safely.
        builder.HasIndex(s => new { s.FundId, s.SpentOn });
        builder.HasIndex(s => new { s.FundId, s.Reference }).IsUnique();
        builder.HasOne<Fund>().WithMany().HasForeignKey(s => s.FundId);
    }
}

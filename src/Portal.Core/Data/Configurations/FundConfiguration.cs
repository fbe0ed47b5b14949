using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Funds;

namespace Portal.Core.Data.Configurations;

internal sealed class FundConfiguration : IEntityTypeConfiguration<Fund>
{
    public void Configure(EntityTypeBuilder<Fund> builder)
    {
        builder.HasIndex(fund => fund.Slug).IsUnique();
        builder.HasIndex(fund => fund.Code).IsUnique();
        builder.Property(fund => fund.Slug).HasMaxLength(80);
        builder.Property(fund => fund.Code).HasMaxLength(16);
        builder.Property(fund => fund.Name).HasMaxLength(120);
        builder.Property(fund => fund.CountryCode).HasMaxLength(2);
        builder.Property(fund => fund.Place).HasMaxLength(120);
        builder.Property(fund => fund.Summary).HasMaxLength(400);
        builder.Property(fund => fund.Currency).HasMaxLength(3);
    }
}

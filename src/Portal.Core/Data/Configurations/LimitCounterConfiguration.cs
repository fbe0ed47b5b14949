using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Hosting.Limits;

namespace Portal.Core.Data.Configurations;

internal sealed class LimitCounterConfiguration : IEntityTypeConfiguration<LimitCounter>
{
    public void Configure(EntityTypeBuilder<LimitCounter> builder)
    {
        builder.HasKey(counter => new { counter.Key, counter.WindowStart });
        builder.Property(counter => counter.Key).HasMaxLength(80);
        builder.HasIndex(counter => counter.WindowStart);
    }
}

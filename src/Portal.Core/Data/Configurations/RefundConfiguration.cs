using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Disputes;
using Portal.Core.Donors;
using Portal.Core.Refunds;
using Portal.Core.Sponsorships;

namespace Portal.Core.Data.Configurations;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.Ignore(r => r.IdempotencyKey);
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.GatewayReason).HasMaxLength(64);
        builder.Property(r => r.GatewayRefundId).HasMaxLength(255);
        builder.Property(r => r.FailureReason).HasMaxLength(500);
        builder.Property(r => r.RequestedBy).HasMaxLength(256);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.GatewayRefundId).IsUnique();
        builder.HasIndex(r => new { r.ChargeId, r.CreatedAt });
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
        builder.HasOne<Charge>().WithMany().HasForeignKey(r => r.ChargeId);
    }
}

internal sealed class RefundRequestConfiguration : IEntityTypeConfiguration<RefundRequest>
{
    public void Configure(EntityTypeBuilder<RefundRequest> builder)
    {
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.Property(r => r.Decision).HasMaxLength(1000);
        builder.Property(r => r.DecidedBy).HasMaxLength(256);
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
        builder.HasIndex(r => r.ChargeId);
        builder.HasOne<Charge>().WithMany().HasForeignKey(r => r.ChargeId);
        builder.HasOne<Donor>().WithMany().HasForeignKey(r => r.DonorId);
    }
}

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> builder)
    {
        builder.Ignore(d => d.IsOpen);
        builder.Property(d => d.Gateway).HasMaxLength(32);
        builder.Property(d => d.GatewayDisputeId).HasMaxLength(255);
        builder.Property(d => d.Currency).HasMaxLength(3);
        builder.Property(d => d.FeeCurrency).HasMaxLength(3);
        builder.Property(d => d.Reason).HasMaxLength(64);
        builder.Property(d => d.Status).HasMaxLength(32);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasIndex(d => new { d.Gateway, d.GatewayDisputeId }).IsUnique();
        builder.HasIndex(d => d.ChargeId);
        builder.HasOne<Charge>().WithMany().HasForeignKey(d => d.ChargeId);
    }
}

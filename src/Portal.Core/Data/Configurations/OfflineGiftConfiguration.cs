using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Gifts;
using Portal.Core.Reconciliation.Bank;
using Portal.Core.Sponsorships;

namespace Portal.Core.Data.Configurations;

internal sealed class OfflineGiftConfiguration : IEntityTypeConfiguration<OfflineGift>
{
    public void Configure(EntityTypeBuilder<OfflineGift> builder)
    {
        builder.Property(gift => gift.Id).ValueGeneratedNever();
        builder.HasIndex(gift => gift.ChargeId).IsUnique();
        // Exactly once: a statement line or a batch row becomes at most one gift, whoever books it and however often.
        builder.HasIndex(gift => gift.BankLineId).IsUnique();
        builder.HasIndex(gift => gift.ImportKey).IsUnique();
        builder.HasIndex(gift => gift.PayerIban);
        builder.Property(gift => gift.ImportKey).HasMaxLength(80);
        builder.Property(gift => gift.PayerName).HasMaxLength(200);
        builder.Property(gift => gift.PayerIban).HasMaxLength(34);
        builder.Property(gift => gift.CreatedBy).HasMaxLength(256);
        builder.HasOne<Charge>().WithMany().HasForeignKey(gift => gift.ChargeId);
        builder.HasOne<BankLine>().WithMany().HasForeignKey(gift => gift.BankLineId);
    }
}

internal sealed class GiftReferenceConfiguration : IEntityTypeConfiguration<GiftReference>
{
    public void Configure(EntityTypeBuilder<GiftReference> builder)
    {
        builder.HasKey(reference => reference.Reference);
        builder.Property(reference => reference.Reference).HasMaxLength(PaymentReferences.MaxLength);
        builder.HasIndex(reference => new { reference.DonorId, reference.FundId }).IsUnique();
        builder.HasOne<Donor>().WithMany().HasForeignKey(reference => reference.DonorId);
        builder.HasOne<Fund>().WithMany().HasForeignKey(reference => reference.FundId);
    }
}

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
        builder.Property(fund => fund.ChildDataConfirmedBy).HasMaxLength(256);
        builder.Property(fund => fund.PresetsMinor).HasMaxLength(200);
        builder.Property(fund => fund.Version).IsConcurrencyToken();
    }
}

internal sealed class FundMoveConfiguration : IEntityTypeConfiguration<FundMove>
{
    public void Configure(EntityTypeBuilder<FundMove> builder)
    {
        builder.HasIndex(m => new { m.FromFundId, m.CreatedAt });
        builder.HasOne<Fund>().WithMany().HasForeignKey(m => m.FromFundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Fund>().WithMany().HasForeignKey(m => m.ToFundId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Reason).HasMaxLength(FundMove.ReasonMaxLength);
        builder.Property(m => m.ActorId).HasMaxLength(256);
        builder.Property(m => m.ActorName).HasMaxLength(256);
        builder.Property(m => m.Version).IsConcurrencyToken();
    }
}

internal sealed class FundTranslationConfiguration : IEntityTypeConfiguration<FundTranslation>
{
    public void Configure(EntityTypeBuilder<FundTranslation> builder)
    {
        builder.HasKey(t => new { t.FundId, t.Language });
        builder.HasOne<Fund>().WithMany().HasForeignKey(t => t.FundId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.Language).HasMaxLength(2);
        builder.Property(t => t.Name).HasMaxLength(120);
        builder.Property(t => t.Summary).HasMaxLength(400);
    }
}

internal sealed class FundSlugRedirectConfiguration : IEntityTypeConfiguration<FundSlugRedirect>
{
    public void Configure(EntityTypeBuilder<FundSlugRedirect> builder)
    {
        builder.HasKey(r => r.OldSlug);
        builder.HasOne<Fund>().WithMany().HasForeignKey(r => r.FundId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.OldSlug).HasMaxLength(80);
    }
}

internal sealed class FundPhotoConfiguration : IEntityTypeConfiguration<FundPhoto>
{
    public void Configure(EntityTypeBuilder<FundPhoto> builder)
    {
        builder.HasIndex(p => new { p.FundId, p.Position });
        builder.HasOne<Fund>().WithMany().HasForeignKey(p => p.FundId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.ContentType).HasMaxLength(32);
        builder.Property(p => p.AltText).HasMaxLength(FundPhotos.MaxText);
        builder.Property(p => p.Caption).HasMaxLength(FundPhotos.MaxText);
        builder.Property(p => p.UploadedBy).HasMaxLength(256);
    }
}

internal sealed class FundPhotoTranslationConfiguration : IEntityTypeConfiguration<FundPhotoTranslation>
{
    public void Configure(EntityTypeBuilder<FundPhotoTranslation> builder)
    {
        builder.HasKey(t => new { t.PhotoId, t.Language });
        builder.HasOne<FundPhoto>().WithMany().HasForeignKey(t => t.PhotoId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.Language).HasMaxLength(2);
        builder.Property(t => t.AltText).HasMaxLength(FundPhotos.MaxText);
        builder.Property(t => t.Caption).HasMaxLength(FundPhotos.MaxText);
    }
}

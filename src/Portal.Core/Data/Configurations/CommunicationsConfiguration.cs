using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Donors;
using Portal.Core.Funds;

namespace Portal.Core.Data.Configurations;

internal sealed class FundAudienceCountConfiguration : IEntityTypeConfiguration<Communications.Audiences.FundAudienceCount>
{
    public void Configure(EntityTypeBuilder<Communications.Audiences.FundAudienceCount> builder)
    {
        builder.HasKey(count => count.FundId);
        builder.HasOne<Funds.Fund>().WithOne().HasForeignKey<Communications.Audiences.FundAudienceCount>(count => count.FundId);
    }
}

internal sealed class TaxStatementYearCountConfiguration : IEntityTypeConfiguration<Communications.Audiences.TaxStatementYearCount>
{
    public void Configure(EntityTypeBuilder<Communications.Audiences.TaxStatementYearCount> builder)
    {
        builder.HasKey(count => count.FiscalYear);
        builder.Property(count => count.FiscalYear).ValueGeneratedNever();
    }
}

internal sealed class ImpactUpdateConfiguration : IEntityTypeConfiguration<ImpactUpdate>
{
    public void Configure(EntityTypeBuilder<ImpactUpdate> builder)
    {
        builder.Property(u => u.Title).HasMaxLength(200);
        builder.Property(u => u.Language).HasMaxLength(16);
        builder.Property(u => u.CreatedBy).HasMaxLength(256);
        builder.Property(u => u.SentBy).HasMaxLength(256);
        // The scheduler looks for scheduled updates whose time has come.
        builder.HasIndex(u => new { u.Status, u.ScheduledFor });
        builder.HasIndex(u => u.TransparencyReportId);
        builder.HasOne<Fund>().WithMany().HasForeignKey(u => u.FundId);
    }
}

internal sealed class UpdateDeliveryConfiguration : IEntityTypeConfiguration<UpdateDelivery>
{
    public void Configure(EntityTypeBuilder<UpdateDelivery> builder)
    {
        builder.Property(d => d.ToAddress).HasMaxLength(254);
        builder.Property(d => d.ToName).HasMaxLength(120);
        builder.Property(d => d.Language).HasMaxLength(16);
        builder.Property(d => d.GivenCurrency).HasMaxLength(3);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        // Once per donor per update, however often the audience is expanded.
        builder.HasIndex(d => new { d.UpdateId, d.DonorId }).IsUnique();
        // Senders claim by update, state and time; the progress bar counts by update and state.
        builder.HasIndex(d => new { d.UpdateId, d.Status, d.NextAttemptAt });
        builder.HasIndex(d => d.DonorId);
        builder.HasOne<ImpactUpdate>().WithMany().HasForeignKey(d => d.UpdateId);
        builder.HasOne<Donor>().WithMany().HasForeignKey(d => d.DonorId);
    }
}

internal sealed class UpdateImageConfiguration : IEntityTypeConfiguration<UpdateImage>
{
    public void Configure(EntityTypeBuilder<UpdateImage> builder)
    {
        builder.Property(i => i.ContentType).HasMaxLength(32);
        builder.Property(i => i.AltText).HasMaxLength(300);
        builder.Property(i => i.UploadedBy).HasMaxLength(256);
        builder.HasIndex(i => i.UpdateId);
    }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> builder)
    {
        builder.HasIndex(record => new { record.DonorId, record.At });
        builder.Property(record => record.WordingId).HasMaxLength(64);
        builder.Property(record => record.Wording).HasMaxLength(500);
        builder.Property(record => record.Source).HasMaxLength(200);
        builder.HasOne<Donors.Donor>().WithMany().HasForeignKey(record => record.DonorId);
    }
}

internal sealed class EmailSuppressionConfiguration : IEntityTypeConfiguration<EmailSuppression>
{
    public void Configure(EntityTypeBuilder<EmailSuppression> builder)
    {
        builder.HasKey(s => s.NormalizedEmail);
        builder.Property(s => s.NormalizedEmail).HasMaxLength(254);
        builder.Property(s => s.Detail).HasMaxLength(500);
    }
}

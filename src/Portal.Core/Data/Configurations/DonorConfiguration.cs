using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Donors;

namespace Portal.Core.Data.Configurations;

internal sealed class DonorConfiguration : IEntityTypeConfiguration<Donor>
{
    public void Configure(EntityTypeBuilder<Donor> builder)
    {
        builder.HasIndex(donor => donor.NormalizedEmail).IsUnique();
        builder.Property(donor => donor.Email).HasMaxLength(254);
        builder.Property(donor => donor.NormalizedEmail).HasMaxLength(254);
        builder.Property(donor => donor.Name).HasMaxLength(120);
        builder.Property(donor => donor.CountryCode).HasMaxLength(2);
        builder.Property(donor => donor.Language).HasMaxLength(16);
        // Donor care's search keys (DonorSearch): each an index, so a search reads a key range, never the table.
        builder.Property(donor => donor.SearchName).HasMaxLength(DonorSearchKeys.MaxLength);
        builder.Property(donor => donor.SearchLastName).HasMaxLength(DonorSearchKeys.MaxLength);
        builder.Property(donor => donor.PostalCodeKey).HasMaxLength(20);
        builder.Property(donor => donor.PaymentReference).HasMaxLength(PaymentReferences.MaxLength);
        // A prefix of the name, or a name and postal code (a likely duplicate, DonorMerges).
        builder.HasIndex(donor => new { donor.SearchName, donor.PostalCodeKey });
        builder.HasIndex(donor => donor.SearchLastName);
        builder.HasIndex(donor => donor.PostalCodeKey);
        builder.HasIndex(donor => donor.LastGiftOn);
        builder.HasIndex(donor => donor.PaymentReference).IsUnique();
        builder.Property(donor => donor.Phone).HasMaxLength(40);
        builder.Property(donor => donor.AddressLine).HasMaxLength(200);
        builder.Property(donor => donor.PostalCode).HasMaxLength(20);
        builder.Property(donor => donor.City).HasMaxLength(100);
    }
}

internal sealed class DonorGatewayCustomerConfiguration : IEntityTypeConfiguration<DonorGatewayCustomer>
{
    public void Configure(EntityTypeBuilder<DonorGatewayCustomer> builder)
    {
        builder.HasIndex(customer => new { customer.DonorId, customer.Gateway }).IsUnique();
        builder.Property(customer => customer.Gateway).HasMaxLength(32);
        builder.Property(customer => customer.CustomerId).HasMaxLength(255);
        builder.HasIndex(customer => customer.CustomerId);
        builder.HasOne<Donor>().WithMany().HasForeignKey(customer => customer.DonorId);
    }
}

internal sealed class DonorSignInTokenConfiguration : IEntityTypeConfiguration<DonorSignInToken>
{
    public void Configure(EntityTypeBuilder<DonorSignInToken> builder)
    {
        builder.HasIndex(token => token.TokenHash).IsUnique();
        builder.Property(token => token.TokenHash).HasMaxLength(64);
        builder.HasOne<Donor>().WithMany().HasForeignKey(token => token.DonorId);
    }
}

internal sealed class DonorSessionConfiguration : IEntityTypeConfiguration<DonorSession>
{
    public void Configure(EntityTypeBuilder<DonorSession> builder)
    {
        builder.Property(session => session.UserAgent).HasMaxLength(DonorSessions.UserAgentLength);
        builder.HasIndex(session => session.DonorId);
        builder.HasOne<Donor>().WithMany().HasForeignKey(session => session.DonorId);
    }
}

internal sealed class DonorSignInRequestConfiguration : IEntityTypeConfiguration<DonorSignInRequest>
{
    public void Configure(EntityTypeBuilder<DonorSignInRequest> builder) => builder.Property(request => request.Email).HasMaxLength(254);
}

internal sealed class DonorMergeConfiguration : IEntityTypeConfiguration<Portal.Core.Donors.Care.DonorMerge>
{
    public void Configure(EntityTypeBuilder<Portal.Core.Donors.Care.DonorMerge> builder)
    {
        builder.HasIndex(merge => merge.KeptDonorId);
        builder.HasIndex(merge => merge.MergedDonorId);
        builder.Property(merge => merge.MovedSponsorships).HasMaxLength(8000);
        builder.Property(merge => merge.MovedGatewayCustomers).HasMaxLength(500);
        builder.Property(merge => merge.Reason).HasMaxLength(500);
        builder.Property(merge => merge.MergedBy).HasMaxLength(254);
        builder.Property(merge => merge.DecidedBy).HasMaxLength(254);
        builder.HasOne<Donor>().WithMany().HasForeignKey(merge => merge.KeptDonorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Donor>().WithMany().HasForeignKey(merge => merge.MergedDonorId).OnDelete(DeleteBehavior.Restrict);
    }
}

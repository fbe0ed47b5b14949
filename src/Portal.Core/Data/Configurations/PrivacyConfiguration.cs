using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Donors;
using Portal.Core.Privacy;

namespace Portal.Core.Data.Configurations;

internal sealed class ErasureRequestConfiguration : IEntityTypeConfiguration<ErasureRequest>
{
    public void Configure(EntityTypeBuilder<ErasureRequest> builder)
    {
        // One erasure per donor, ever: two requests at once (the donor and Finance) meet on this index.
        builder.HasIndex(request => request.DonorId).IsUnique();
        builder.HasIndex(request => request.State);
        builder.Property(request => request.Reference).HasMaxLength(500);
        builder.Property(request => request.RequestedBy).HasMaxLength(450);
        builder.Property(request => request.LastError).HasMaxLength(500);
        builder.HasOne<Donor>().WithMany().HasForeignKey(request => request.DonorId);
    }
}

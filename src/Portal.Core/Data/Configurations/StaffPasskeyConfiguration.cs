using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Data.Configurations;

/// <summary>
/// Staff passkeys: Identity's schema version 3 table (AspNetUserPasskeys), mapped here rather than through
/// IdentityOptions.Stores.SchemaVersion, which dotnet-ef's design-time contexts do not see (their model would lack it).
/// </summary>
internal sealed class StaffPasskeyConfiguration : IEntityTypeConfiguration<IdentityUserPasskey<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserPasskey<string>> builder)
    {
        builder.ToTable("AspNetUserPasskeys");
        builder.HasKey(passkey => passkey.CredentialId);
        // WebAuthn credential ids are at most 1023 bytes.
        builder.Property(passkey => passkey.CredentialId).HasMaxLength(1024);
        builder.HasOne<IdentityUser>().WithMany().HasForeignKey(passkey => passkey.UserId).IsRequired();
        builder.OwnsOne(passkey => passkey.Data).ToJson();
    }
}

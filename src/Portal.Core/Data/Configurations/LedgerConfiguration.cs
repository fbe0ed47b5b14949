using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Funds;
using Portal.Core.Ledger;

namespace Portal.Core.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.HasIndex(account => account.Code).IsUnique();
        builder.HasIndex(account => new { account.Kind, account.FundId, account.Currency }).IsUnique();
        builder.Property(account => account.Code).HasMaxLength(40);
        builder.Property(account => account.Name).HasMaxLength(200);
        builder.Property(account => account.Currency).HasMaxLength(3);
        builder.HasOne<Fund>().WithMany().HasForeignKey(account => account.FundId);
    }
}

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.HasIndex(entry => entry.IdempotencyKey).IsUnique();
        // The journal pages by key, newest first: (date, id) for the whole journal and within a fund.
        builder.HasIndex(entry => new { entry.Date, entry.Id });
        builder.HasIndex(entry => entry.ChargeId);
        builder.HasIndex(entry => new { entry.FundId, entry.Date, entry.Id });
        builder.Property(entry => entry.Description).HasMaxLength(300);
        builder.Property(entry => entry.IdempotencyKey).HasMaxLength(200);
        builder.HasMany(entry => entry.Lines).WithOne().HasForeignKey(line => line.JournalEntryId);
        builder.HasOne<JournalEntry>().WithMany().HasForeignKey(entry => entry.ReversesEntryId);
        builder.HasOne<Fund>().WithMany().HasForeignKey(entry => entry.FundId);
    }
}

internal sealed class JournalLineConfiguration : IEntityTypeConfiguration<JournalLine>
{
    public void Configure(EntityTypeBuilder<JournalLine> builder)
    {
        builder.Ignore(line => line.DebitMinor);
        builder.Ignore(line => line.CreditMinor);
        builder.Property(line => line.Currency).HasMaxLength(3);
        builder.HasOne(line => line.Account).WithMany().HasForeignKey(line => line.AccountId);
        // Covering (the amount is in the index): a fund statement sums its accounts' lines without reading the table.
        builder.HasIndex(line => new { line.AccountId, line.JournalEntryId, line.AmountMinor });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Funds;
using Portal.Core.Ledger;
using Portal.Core.Ledger.Totals;

namespace Portal.Core.Data.Configurations;

internal sealed class AccountTotalConfiguration : IEntityTypeConfiguration<AccountTotal>
{
    public void Configure(EntityTypeBuilder<AccountTotal> builder)
    {
        builder.HasKey(total => total.AccountId);
        builder.Property(total => total.AccountId).ValueGeneratedNever();
        builder.HasOne<Account>().WithOne().HasForeignKey<AccountTotal>(total => total.AccountId);
    }
}

internal sealed class AccountDayTotalConfiguration : IEntityTypeConfiguration<AccountDayTotal>
{
    public void Configure(EntityTypeBuilder<AccountDayTotal> builder)
    {
        builder.HasKey(total => new { total.AccountId, total.Date });
        builder.HasOne<Account>().WithMany().HasForeignKey(total => total.AccountId);
    }
}

internal sealed class GiftDayTotalConfiguration : IEntityTypeConfiguration<GiftDayTotal>
{
    public void Configure(EntityTypeBuilder<GiftDayTotal> builder)
    {
        builder.HasKey(total => new { total.FundId, total.Currency, total.Date, total.SettledCurrency });
        builder.Property(total => total.Currency).HasMaxLength(3);
        builder.Property(total => total.SettledCurrency).HasMaxLength(3);
        builder.HasOne<Fund>().WithMany().HasForeignKey(total => total.FundId);
    }
}

internal sealed class GiftDonorDayConfiguration : IEntityTypeConfiguration<GiftDonorDay>
{
    public void Configure(EntityTypeBuilder<GiftDonorDay> builder)
    {
        builder.HasKey(day => new { day.FundId, day.Currency, day.Date, day.PreviousDate });
        builder.Property(day => day.Currency).HasMaxLength(3);
        builder.HasOne<Fund>().WithMany().HasForeignKey(day => day.FundId);
    }
}

internal sealed class FundSponsorCountConfiguration : IEntityTypeConfiguration<FundSponsorCount>
{
    public void Configure(EntityTypeBuilder<FundSponsorCount> builder)
    {
        builder.HasKey(count => count.FundId);
        builder.HasOne<Fund>().WithOne().HasForeignKey<FundSponsorCount>(count => count.FundId);
    }
}

internal sealed class SponsorshipEventConfiguration : IEntityTypeConfiguration<SponsorshipEvent>
{
    public void Configure(EntityTypeBuilder<SponsorshipEvent> builder)
    {
        builder.Property(e => e.Currency).HasMaxLength(3);
        builder.Property(e => e.Reason).HasMaxLength(40);
        builder.HasIndex(e => e.SponsorshipId);
        builder.HasOne<Fund>().WithMany().HasForeignKey(e => e.FundId);
    }
}

internal sealed class SponsorshipMonthTotalConfiguration : IEntityTypeConfiguration<SponsorshipMonthTotal>
{
    public void Configure(EntityTypeBuilder<SponsorshipMonthTotal> builder)
    {
        builder.HasKey(month => new { month.FundId, month.Currency, month.Month, month.Kind, month.Reason });
        builder.Property(month => month.Currency).HasMaxLength(3);
        builder.Property(month => month.Reason).HasMaxLength(40);
        builder.HasIndex(month => month.Month);
        builder.HasOne<Fund>().WithMany().HasForeignKey(month => month.FundId);
    }
}

internal sealed class GiftMonthTotalConfiguration : IEntityTypeConfiguration<GiftMonthTotal>
{
    public void Configure(EntityTypeBuilder<GiftMonthTotal> builder)
    {
        builder.HasKey(month => new { month.FundId, month.Currency, month.Month });
        builder.Property(month => month.Currency).HasMaxLength(3);
        builder.HasIndex(month => month.Month);
        builder.HasOne<Fund>().WithMany().HasForeignKey(month => month.FundId);
    }
}

internal sealed class LedgerTotalsStateConfiguration : IEntityTypeConfiguration<LedgerTotalsState>
{
    public void Configure(EntityTypeBuilder<LedgerTotalsState> builder)
    {
        builder.Property(state => state.Id).ValueGeneratedNever();
        builder.Property(state => state.CheckResult).HasMaxLength(2000);
    }
}

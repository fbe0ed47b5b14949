using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Runs;

namespace Portal.Core.Data.Configurations;

internal sealed class SponsorshipConfiguration : IEntityTypeConfiguration<Sponsorship>
{
    public void Configure(EntityTypeBuilder<Sponsorship> builder)
    {
        builder.Ignore(sponsorship => sponsorship.Amount);
        builder.Ignore(sponsorship => sponsorship.ChargeAmount);
        builder.Property(sponsorship => sponsorship.Currency).HasMaxLength(3);
        builder.Property(sponsorship => sponsorship.Gateway).HasMaxLength(32);
        builder.Property(sponsorship => sponsorship.ConsentWordingSet).HasMaxLength(32);
        builder.Property(sponsorship => sponsorship.CheckoutReference).HasMaxLength(64);
        builder.Property(sponsorship => sponsorship.GatewayCustomerId).HasMaxLength(255);
        builder.Property(sponsorship => sponsorship.GatewayPaymentMethodId).HasMaxLength(255);
        builder.Property(sponsorship => sponsorship.DedicationName).HasMaxLength(120);
        builder.Property(sponsorship => sponsorship.CancelReason).HasMaxLength(500);
        builder.Property(sponsorship => sponsorship.CancelReasonCode).HasMaxLength(32);
        builder.Property(sponsorship => sponsorship.CardBrand).HasMaxLength(32);
        builder.Property(sponsorship => sponsorship.CardLast4).HasMaxLength(4);
        // The charge run's query: what is due by today, read in key order.
        builder.HasIndex(sponsorship => new { sponsorship.Status, sponsorship.NextPeriodStart, sponsorship.Id });
        builder.Property(sponsorship => sponsorship.Version).IsConcurrencyToken();
        builder.HasIndex(sponsorship => new { sponsorship.DonorId, sponsorship.CreatedAt });
        builder.HasIndex(sponsorship => new { sponsorship.FundId, sponsorship.Status });
        builder.HasIndex(sponsorship => new { sponsorship.Status, sponsorship.CardExpiresOn });
        builder.HasOne<Donor>().WithMany().HasForeignKey(sponsorship => sponsorship.DonorId);
        builder.HasOne<Fund>().WithMany().HasForeignKey(sponsorship => sponsorship.FundId);
    }
}

internal sealed class ChargeConfiguration : IEntityTypeConfiguration<Charge>
{
    public void Configure(EntityTypeBuilder<Charge> builder)
    {
        builder.Ignore(charge => charge.Amount);
        // The claim: one charge per sponsorship and period, whatever workers race for it.
        builder.HasIndex(charge => new { charge.SponsorshipId, charge.PeriodStart }).IsUnique();
        builder.HasIndex(charge => charge.CheckoutSessionId);
        builder.HasIndex(charge => charge.PaymentIntentId);
        builder.HasIndex(charge => new { charge.Status, charge.CreatedAt });
        builder.HasIndex(charge => new { charge.Status, charge.NextRetryAt });
        builder.HasIndex(charge => new { charge.Status, charge.AttemptedAt });
        builder.HasIndex(charge => charge.RunId);
        // A donor's page: the newest gifts of each of their sponsorships, without reading all of them.
        builder.HasIndex(charge => new { charge.SponsorshipId, charge.CreatedAt });
        // A fund's gifts of a period (transparency reports' sponsors): by the accounting date of their entry.
        builder.HasIndex(charge => new { charge.FundId, charge.GiftDate });
        builder.Property(charge => charge.Currency).HasMaxLength(3);
        builder.Property(charge => charge.Gateway).HasMaxLength(32);
        builder.Property(charge => charge.CheckoutSessionId).HasMaxLength(255);
        builder.Property(charge => charge.PaymentIntentId).HasMaxLength(255);
        builder.Property(charge => charge.GatewayCustomerId).HasMaxLength(255);
        builder.Property(charge => charge.GatewayPaymentMethodId).HasMaxLength(255);
        builder.Property(charge => charge.DeclineCode).HasMaxLength(64);
        builder.Property(charge => charge.FailureMessage).HasMaxLength(500);
        builder.Property(charge => charge.ReceiptNumber).HasMaxLength(32);
        builder.HasIndex(charge => charge.ReceiptNumber);
        builder.Property(charge => charge.BalanceTransactionId).HasMaxLength(255);
        builder.Property(charge => charge.GatewayChargeId).HasMaxLength(255);
        builder.HasIndex(charge => charge.GatewayChargeId);
        builder.Property(charge => charge.SettledCurrency).HasMaxLength(3);
        builder.Property(charge => charge.ExchangeRate).HasPrecision(24, 12);
        builder.HasIndex(charge => new { charge.Status, charge.SucceededAt });
        builder.Property(charge => charge.Version).IsConcurrencyToken();
        builder.HasOne<Sponsorship>().WithMany().HasForeignKey(charge => charge.SponsorshipId);
    }
}

internal sealed class ChargeAttemptConfiguration : IEntityTypeConfiguration<ChargeAttempt>
{
    public void Configure(EntityTypeBuilder<ChargeAttempt> builder)
    {
        builder.HasIndex(attempt => new { attempt.ChargeId, attempt.Id });
        builder.Property(attempt => attempt.DeclineCode).HasMaxLength(64);
        builder.Property(attempt => attempt.Message).HasMaxLength(500);
        builder.HasOne<Charge>().WithMany().HasForeignKey(attempt => attempt.ChargeId);
    }
}

internal sealed class ChargeRunConfiguration : IEntityTypeConfiguration<ChargeRun>
{
    public void Configure(EntityTypeBuilder<ChargeRun> builder)
    {
        builder.Ignore(run => run.Done);
        builder.Ignore(run => run.Remaining);
        builder.HasIndex(run => run.StartedAt);
        builder.Property(run => run.Worker).HasMaxLength(200);
        builder.Property(run => run.StartedBy).HasMaxLength(256);
        builder.Property(run => run.Error).HasMaxLength(2000);
    }
}

internal sealed class ChargeRunPartConfiguration : IEntityTypeConfiguration<ChargeRunPart>
{
    public void Configure(EntityTypeBuilder<ChargeRunPart> builder)
    {
        builder.HasOne<ChargeRun>().WithMany().HasForeignKey(part => part.RunId);
        builder.HasIndex(part => new { part.RunId, part.Status });
        builder.Property(part => part.Worker).HasMaxLength(200);
        builder.Property(part => part.Error).HasMaxLength(2000);
    }
}

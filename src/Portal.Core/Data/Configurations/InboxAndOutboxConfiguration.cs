using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Audit;
using Portal.Core.Communications;
using Portal.Core.Payments.Events;
using Portal.Core.Payments.Sandbox;

namespace Portal.Core.Data.Configurations;

internal sealed class GatewayEventConfiguration : IEntityTypeConfiguration<GatewayEvent>
{
    public void Configure(EntityTypeBuilder<GatewayEvent> builder)
    {
        // A repeated delivery of the same event fails this index and is dropped.
        builder.HasIndex(e => new { e.Gateway, e.EventId }).IsUnique();
        builder.HasIndex(e => new { e.Status, e.NextAttemptAt });
        // The claim takes due pending events in id order, and the admin page reads the oldest pending one and counts
        // them: both from this index, never from the applied history.
        builder.HasIndex(e => new { e.Status, e.Id });
        // Whether an earlier event of the same payment is still to be applied.
        builder.HasIndex(e => new { e.OrderKey, e.Status, e.Id });
        builder.Property(e => e.OrderKey).HasMaxLength(255);
        builder.Property(e => e.LeaseOwner).HasMaxLength(64);
        builder.Property(e => e.Gateway).HasMaxLength(32);
        builder.Property(e => e.EventId).HasMaxLength(255);
        builder.Property(e => e.Type).HasMaxLength(100);
        builder.Property(e => e.Note).HasMaxLength(1000);
    }
}

internal sealed class OutboundEmailConfiguration : IEntityTypeConfiguration<OutboundEmail>
{
    public void Configure(EntityTypeBuilder<OutboundEmail> builder)
    {
        builder.Property(email => email.Template).HasMaxLength(32);
        builder.HasIndex(email => email.IdempotencyKey).IsUnique();
        builder.HasIndex(email => new { email.SentAt, email.FailedAt, email.NextAttemptAt });
        builder.HasIndex(email => email.DonorId);
        builder.Property(email => email.IdempotencyKey).HasMaxLength(200);
        builder.Property(email => email.ToAddress).HasMaxLength(254);
        builder.Property(email => email.ToName).HasMaxLength(120);
        builder.Property(email => email.Subject).HasMaxLength(300);
        builder.Property(email => email.LastError).HasMaxLength(1000);
    }
}

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.HasIndex(record => record.At);
        builder.Property(record => record.ActorId).HasMaxLength(64);
        builder.Property(record => record.ActorName).HasMaxLength(254);
        builder.Property(record => record.Action).HasMaxLength(100);
        builder.Property(record => record.Subject).HasMaxLength(200);
        builder.Property(record => record.Details).HasMaxLength(2000);
        builder.Property(record => record.IpAddress).HasMaxLength(64);
        builder.Property(record => record.PreviousHash).HasMaxLength(64);
        builder.Property(record => record.Hash).HasMaxLength(64);
        builder.Property(record => record.PersonalDigest).HasMaxLength(64);
        // How an erasure finds the records that name a donor.
        builder.HasIndex(record => record.ActorId);
        builder.HasIndex(record => record.Subject);
        // One record per place in the chain: two sealers at once cannot both extend it.
        builder.HasIndex(record => record.ChainIndex).IsUnique();
    }
}

internal sealed class SandboxPaymentConfiguration : IEntityTypeConfiguration<SandboxPayment>
{
    public void Configure(EntityTypeBuilder<SandboxPayment> builder)
    {
        builder.Property(payment => payment.Id).HasMaxLength(64);
        builder.HasIndex(payment => payment.CheckoutSessionId).IsUnique();
        builder.HasIndex(payment => payment.IdempotencyKey).IsUnique();
        builder.HasIndex(payment => payment.ChargeId);
        builder.Property(payment => payment.CheckoutSessionId).HasMaxLength(64);
        builder.Property(payment => payment.IdempotencyKey).HasMaxLength(200);
        builder.Property(payment => payment.Currency).HasMaxLength(3);
        builder.Property(payment => payment.Description).HasMaxLength(300);
        builder.Property(payment => payment.DonorEmail).HasMaxLength(254);
        builder.Property(payment => payment.CustomerId).HasMaxLength(64);
        builder.Property(payment => payment.PaymentMethodId).HasMaxLength(64);
        builder.Property(payment => payment.PaymentMethodNumber).HasMaxLength(64);
        builder.Property(payment => payment.DeclineCode).HasMaxLength(64);
        builder.Property(payment => payment.FailureMessage).HasMaxLength(500);
        builder.Property(payment => payment.SuccessUrl).HasMaxLength(2000);
        builder.Property(payment => payment.CancelUrl).HasMaxLength(2000);
        builder.Property(payment => payment.Locale).HasMaxLength(16);
        builder.Property(payment => payment.Version).IsConcurrencyToken();
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Donors;

namespace Portal.Core.Privacy;

/// <summary>
/// Replaces a donor's personal data with a pseudonym built from their id, table by table. The id stays: it is what
/// the gifts, receipts, tax statements and ledger lines hang on, and by itself names no one.
/// </summary>
public static class Pseudonyms
{
    public const string Name = "Erased donor";
    public const string Erased = "[erased]";

    public static string Email(Guid donorId) => $"erased-{donorId:N}@erased.invalid";

    /// <returns>How many audit records were redacted.</returns>
    public static async Task<int> ApplyAsync(PortalDbContext db, Guid donorId, DateTime now, CancellationToken cancellationToken)
    {
        var donor = await db.Donors.SingleAsync(d => d.Id == donorId, cancellationToken);
        var email = donor.Email;
        var normalized = donor.NormalizedEmail;
        var pseudonym = Email(donorId);
        donor.Name = Name;
        donor.Email = pseudonym;
        donor.NormalizedEmail = Donor.Normalize(pseudonym);
        donor.MailConsents = MailTopics.None;
        donor.Phone = null;
        donor.AddressLine = null;
        donor.PostalCode = null;
        donor.City = null;
        donor.ErasedAt ??= now;
        await db.SaveChangesAsync(cancellationToken);

        var mails = db.OutboundEmails.Where(m => m.DonorId == donorId || m.ToAddress == email);
        await mails.Where(m => m.SentAt == null && m.FailedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.FailedAt, now).SetProperty(m => m.LastError, "donor erased"), cancellationToken);
        await mails.ExecuteUpdateAsync(
            set => set.SetProperty(m => m.ToAddress, pseudonym).SetProperty(m => m.ToName, Name).SetProperty(m => m.Subject, Erased)
                .SetProperty(m => m.HtmlBody, "").SetProperty(m => m.TextBody, ""),
            cancellationToken);
        await db.UpdateDeliveries.Where(d => d.DonorId == donorId && d.Status == DeliveryStatus.Queued)
            .ExecuteUpdateAsync(
                set => set.SetProperty(d => d.Status, DeliveryStatus.Skipped).SetProperty(d => d.LastError, "donor erased"),
                cancellationToken);
        await db.UpdateDeliveries.Where(d => d.DonorId == donorId)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.ToAddress, pseudonym).SetProperty(d => d.ToName, Name), cancellationToken);
        await db.Sponsorships.Where(s => s.DonorId == donorId).ExecuteUpdateAsync(
            set => set.SetProperty(s => s.DedicationName, (string?)null).SetProperty(s => s.CancelReason, (string?)null)
                .SetProperty(s => s.CardBrand, (string?)null).SetProperty(s => s.CardLast4, (string?)null)
                .SetProperty(s => s.CardExpiresOn, (DateOnly?)null),
            cancellationToken);
        await db.EmailSuppressions.Where(s => s.NormalizedEmail == normalized).ExecuteDeleteAsync(cancellationToken);

        // The payer's name and IBAN of the donor's offline gifts, and of the statement lines booked as them: an account
        // names a person as surely as an address. The amounts, days and keys stay for the books and re-imports.
        var charges = db.Charges.Where(c => db.Sponsorships.Any(s => s.Id == c.SponsorshipId && s.DonorId == donorId)).Select(c => c.Id);
        var gifts = db.OfflineGifts.Where(g => charges.Contains(g.ChargeId));
        await db.BankLines.Where(l => gifts.Any(g => g.BankLineId == l.Id)).ExecuteUpdateAsync(
            set => set.SetProperty(l => l.Counterparty, Erased).SetProperty(l => l.CounterpartyAccount, (string?)null)
                .SetProperty(l => l.Reference, (string?)null).SetProperty(l => l.CreditorReference, (string?)null)
                .SetProperty(l => l.Description, (string?)null),
            cancellationToken);
        await gifts.ExecuteUpdateAsync(
            set => set.SetProperty(g => g.PayerName, (string?)null).SetProperty(g => g.PayerIban, (string?)null), cancellationToken);

        // The token hash is of a random link, but it and its times tie a sign-in to a mailbox: each gets a dead value.
        var tokens = await db.DonorSignInTokens.Where(t => t.DonorId == donorId && !t.TokenHash.StartsWith("erased"))
            .ToListAsync(cancellationToken);
        foreach (var token in tokens)
        {
            token.TokenHash = $"erased-{token.Id:N}";
            token.ExpiresAt = token.CreatedAt;
        }

        await db.SaveChangesAsync(cancellationToken);
        return await AuditRedaction.RedactAsync(db, donorId, email, now, cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Languages;
using Portal.Core.Sponsorships;

namespace Portal.Core.Donors.Care;

/// <summary>A member of staff acting for a donor, and why: every such action is audited with both.</summary>
public sealed record StaffActor(string Id, string Name, string Reason, string? IpAddress = null)
{
    public const int ReasonMaxLength = 500;
}

/// <summary>
/// What donor care does for a donor that is not a change to a sponsorship (those go through
/// <see cref="Sponsorships.SponsorshipChanges"/> with the staff member as actor). Each action is audited under the
/// donor's subject, so the donor's page lists it.
/// </summary>
public sealed class DonorCare(
    PortalDbContext db, AuditLog audit, SponsorshipChangeEmails emails, Communications.EmailOutbox outbox, IBackgroundWork work)
{
    public const int NoteMaxLength = 2000;

    /// <summary>The audit subject of the donor: what the donor's page reads their history by.</summary>
    public static string Subject(Guid donorId) => $"donor:{donorId}";

    /// <returns>Null when saved; otherwise why not.</returns>
    public async Task<string?> AddNoteAsync(Guid donorId, StaffActor actor, string? note, CancellationToken cancellationToken)
    {
        var text = note?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return "Write the note first.";
        }

        if (text.Length > NoteMaxLength)
        {
            return $"A note has at most {NoteMaxLength} characters.";
        }

        if (await db.Donors.FindAsync([donorId], cancellationToken) is null)
        {
            return "There is no such donor.";
        }

        audit.Record(actor.Id, actor.Name, "donor-care.note", Subject(donorId), text, actor.IpAddress);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Corrects the donor's contact details as they asked (on the phone, by letter). Saves only what changed, with an
    /// audit record naming the fields and the reason, and an e-mail that tells the donor, in one unit of work.
    /// </summary>
    /// <returns>The refusals by field (empty when saved or when nothing changed).</returns>
    public async Task<IReadOnlyList<(string Field, string Message)>> UpdateDetailsAsync(
        Guid donorId, StaffActor actor, DonorDetails details, CancellationToken cancellationToken)
    {
        var refusals = Check(actor, details);
        var donor = await db.Donors.SingleOrDefaultAsync(d => d.Id == donorId, cancellationToken);
        if (donor is null)
        {
            return [("", "There is no such donor.")];
        }

        if (donor.ErasedAt is not null)
        {
            return [("", "This donor's personal data was erased; there is nothing to correct.")];
        }

        var email = details.Email.Trim();
        var normalized = Donor.Normalize(email);
        if (refusals.Count == 0 && normalized != donor.NormalizedEmail
            && await db.Donors.AnyAsync(d => d.NormalizedEmail == normalized && d.Id != donorId, cancellationToken))
        {
            refusals.Add((nameof(DonorDetails.Email), "Another donor has this address. If they are the same person, merge the two donors instead."));
        }

        if (refusals.Count > 0)
        {
            return refusals;
        }

        var previousEmail = donor.Email;
        var changed = new List<string>();
        void Set(string field, string? before, string? after, Action<string?> apply)
        {
            if (!string.Equals(before ?? "", after ?? "", StringComparison.Ordinal))
            {
                apply(after);
                changed.Add(field);
            }
        }

        Set("Name", donor.Name, details.Name.Trim(), value => donor.Name = value!);
        Set("Email", donor.Email, email, value => (donor.Email, donor.NormalizedEmail) = (value!, normalized));
        Set("Phone", donor.Phone, Clean(details.Phone), value => donor.Phone = value);
        var address = (donor.AddressLine, donor.PostalCode, donor.City);
        var newAddress = (Clean(details.AddressLine), Clean(details.PostalCode), Clean(details.City));
        Set("Address", address.ToString(), newAddress.ToString(), _ => (donor.AddressLine, donor.PostalCode, donor.City) = newAddress);
        Set("Country", donor.CountryCode, details.CountryCode, value => donor.CountryCode = value!);
        Set("Language", donor.Language, details.Language, value => donor.Language = value!);
        if (changed.Count == 0)
        {
            return [];
        }

        audit.Record(actor.Id, actor.Name, "donor-care.details-changed", Subject(donorId),
            $"{string.Join(", ", changed)}; reason: {actor.Reason.Trim()}", actor.IpAddress);
        await emails.QueueDetailsChangedAsync(
            donor, changed.Contains("Email") ? previousEmail : null, changed, Guid.CreateVersion7(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        work.SendQueuedEmails();
        return [];
    }

    /// <summary>
    /// Sends a receipt or a tax statement of the donor's again, as it stands now (an amended receipt after a refund).
    /// <paramref name="formToken"/> comes from the page the staff member acted on: posting the same form twice sends once.
    /// </summary>
    /// <returns>Null when queued (or queued before by the same form); otherwise why not.</returns>
    public async Task<string?> ResendAsync(
        Guid donorId, StaffActor actor, ResendKind kind, Guid id, Guid formToken, CancellationToken cancellationToken)
    {
        if (CheckReason(actor) is { } refused)
        {
            return refused;
        }

        var donor = await db.Donors.AsNoTracking().SingleOrDefaultAsync(d => d.Id == donorId && d.ErasedAt == null, cancellationToken);
        if (donor is null)
        {
            return "There is no such donor, or their personal data was erased.";
        }

        var key = $"donor-care:resend:{kind}:{id}:{formToken}";
        if (await db.OutboundEmails.AnyAsync(m => m.IdempotencyKey == key, cancellationToken))
        {
            return null;
        }

        string template, action, subject;
        if (kind == ResendKind.Receipt)
        {
            var charge = await (from c in db.Charges
                                join s in db.Sponsorships on c.SponsorshipId equals s.Id
                                where c.Id == id && s.DonorId == donorId && c.ReceiptNumber != null
                                select c).SingleOrDefaultAsync(cancellationToken);
            if (charge is null)
            {
                return "This gift has no receipt to send.";
            }

            (template, action, subject) = (
                charge.AmountRefundedMinor > 0 ? Communications.Receipts.ReceiptMail.AmendedTemplate : Communications.Receipts.ReceiptMail.Template,
                "donor-care.receipt-resent",
                $"receipt {charge.ReceiptNumber}");
        }
        else
        {
            var statement = await db.TaxStatements.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.DonorId == donorId, cancellationToken);
            if (statement is null)
            {
                return "There is no such tax statement.";
            }

            (template, action, subject) = (
                Transparency.TaxStatements.DeferredTaxStatement.Template, "donor-care.statement-resent", $"statement {statement.Number}");
        }

        outbox.QueueDeferred(key, Communications.EmailCategory.Transactional, donor.Id, donor.Email, donor.Name, template, id);
        audit.Record(actor.Id, actor.Name, action, Subject(donorId), $"{subject}; reason: {actor.Reason.Trim()}", actor.IpAddress);
        return await SaveOnceAsync(key, cancellationToken);
    }

    /// <summary>E-mails the donor the link to give a new card for a recurring sponsorship; once per form.</summary>
    public async Task<string?> SendCardLinkAsync(
        Guid donorId, StaffActor actor, Guid sponsorshipId, Guid formToken, CancellationToken cancellationToken)
    {
        if (CheckReason(actor) is { } refused)
        {
            return refused;
        }

        var found = await (from s in db.Sponsorships.AsNoTracking()
                           where s.Id == sponsorshipId && s.DonorId == donorId
                           join d in db.Donors on s.DonorId equals d.Id
                           join f in db.Funds on s.FundId equals f.Id
                           where d.ErasedAt == null
                           select new { Sponsorship = s, Donor = d, FundName = f.Name }).SingleOrDefaultAsync(cancellationToken);
        if (found is null || !found.Sponsorship.DonorCanChange)
        {
            return "Only a running recurring sponsorship takes a new card.";
        }

        var key = $"donor-care:card-link:{sponsorshipId}:{formToken}";
        if (await db.OutboundEmails.AnyAsync(m => m.IdempotencyKey == key, cancellationToken))
        {
            return null;
        }

        await emails.QueueCardLinkAsync(found.Donor, found.Sponsorship, found.FundName, key, cancellationToken);
        audit.Record(actor.Id, actor.Name, "donor-care.card-link-sent", Subject(donorId),
            $"sponsorship:{sponsorshipId}; reason: {actor.Reason.Trim()}", actor.IpAddress);
        return await SaveOnceAsync(key, cancellationToken);
    }

    /// <summary>Saves a queued e-mail and its audit record; a second post of the same form that won the race is not an error.</summary>
    private async Task<string?> SaveOnceAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.OutboundEmails.AnyAsync(m => m.IdempotencyKey == key, cancellationToken))
            {
                throw;
            }
        }

        work.SendQueuedEmails();
        return null;
    }

    private static List<(string Field, string Message)> Check(StaffActor actor, DonorDetails details)
    {
        var refusals = new List<(string Field, string Message)>();
        if (CheckReason(actor) is { } reason)
        {
            refusals.Add(("Reason", reason));
        }

        if (string.IsNullOrWhiteSpace(details.Name) || details.Name.Trim().Length > 120)
        {
            refusals.Add((nameof(DonorDetails.Name), "Enter the donor's name (at most 120 characters)."));
        }

        if (!EmailAddresses.IsValid(details.Email?.Trim()))
        {
            refusals.Add((nameof(DonorDetails.Email), "Enter an e-mail address such as name@example.org."));
        }

        Limit(refusals, nameof(DonorDetails.Phone), details.Phone, 40);
        Limit(refusals, nameof(DonorDetails.AddressLine), details.AddressLine, 200);
        Limit(refusals, nameof(DonorDetails.PostalCode), details.PostalCode, 20);
        Limit(refusals, nameof(DonorDetails.City), details.City, 100);
        if (!Countries.IsKnown(details.CountryCode))
        {
            refusals.Add((nameof(DonorDetails.CountryCode), "Choose the donor's country from the list."));
        }

        if (!PortalLanguages.IsSupported(details.Language))
        {
            refusals.Add((nameof(DonorDetails.Language), "Choose one of the portal's languages."));
        }

        return refusals;
    }

    /// <summary>Why the staff member's reason will not do, or null when it will.</summary>
    public static string? CheckReason(StaffActor actor) =>
        string.IsNullOrWhiteSpace(actor.Reason) ? "Say why (for the audit trail): what did the donor ask for, and how?"
        : actor.Reason.Trim().Length > StaffActor.ReasonMaxLength ? $"A reason has at most {StaffActor.ReasonMaxLength} characters."
        : null;

    private static void Limit(List<(string Field, string Message)> refusals, string field, string? value, int length)
    {
        if (value is not null && value.Trim().Length > length)
        {
            refusals.Add((field, $"Use at most {length} characters."));
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public enum ResendKind
{
    Receipt = 1,
    TaxStatement = 2,
}

/// <summary>A donor's contact details as donor care enters them.</summary>
public sealed record DonorDetails(
    string Name, string Email, string? Phone, string? AddressLine, string? PostalCode, string? City, string CountryCode, string Language);

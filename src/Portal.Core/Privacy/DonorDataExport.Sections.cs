using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Communications.Consent;

namespace Portal.Core.Privacy;

public sealed partial class DonorDataExport
{
    private DataSection Profile(Guid donorId) => Section("profile", db.Donors.AsNoTracking().Where(d => d.Id == donorId), d =>
    [
        F("id", d.Id), F("name", d.Name), F("email", d.Email), F("country", d.CountryCode), F("language", d.Language),
        F("phone", d.Phone), F("addressLine", d.AddressLine), F("postalCode", d.PostalCode), F("city", d.City),
        F("paymentReference", d.PaymentReference), F("createdAt", d.CreatedAt), F("erasedAt", d.ErasedAt),
    ]);

    /// <summary>The topics received now, then each consent given or withdrawn: the words shown, when and from which page.</summary>
    private DataSection Consents(Guid donorId) => new("consents", ConsentItems(donorId));

    private async IAsyncEnumerable<DataField[]> ConsentItems(Guid donorId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var donor = await db.Donors.AsNoTracking().SingleAsync(d => d.Id == donorId, cancellationToken);
        yield return [F("kind", "topics received now"), F("at", null), F("topic", MailConsent.Wanted(donor)), F("source", null), F("wording", null)];
        var records = db.ConsentRecords.AsNoTracking().Where(r => r.DonorId == donorId).OrderBy(r => r.At).ThenBy(r => r.Id);
        await foreach (var record in records.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return
            [
                F("kind", record.Given ? "consent given" : "consent withdrawn"), F("at", record.At), F("topic", record.Topic),
                F("source", record.Source), F("wording", record.Wording),
            ];
        }
    }

    private DataSection Sponsorships(Guid donorId) => Section(
        "sponsorships",
        from s in db.Sponsorships.AsNoTracking()
        where s.DonorId == donorId
        join fund in db.Funds on s.FundId equals fund.Id
        orderby s.CreatedAt
        select new { s, Fund = fund.Name },
        x =>
        [
            F("id", x.s.Id), F("fund", x.Fund), F("amountMinor", x.s.AmountMinor), F("feeCoverMinor", x.s.FeeCoverMinor),
            F("currency", x.s.Currency), F("interval", x.s.Interval), F("status", x.s.Status), F("createdAt", x.s.CreatedAt),
            F("startedAt", x.s.StartedAt), F("endedAt", x.s.EndedAt), F("dedication", x.s.DedicationKind), F("dedicationName", x.s.DedicationName),
            F("card", x.s.CardBrand is null ? null : $"{x.s.CardBrand} ending {x.s.CardLast4}"), F("cardExpiresOn", x.s.CardExpiresOn),
            F("cancelReasonCode", x.s.CancelReasonCode), F("cancelReason", x.s.CancelReason), F("consentTopicsAsked", x.s.ConsentTopics),
        ]);

    /// <summary>Pauses, skips, amount changes, cancellations: the audit records about the donor's sponsorships.</summary>
    private DataSection SponsorshipChanges(Guid donorId) => new("sponsorship-changes", SponsorshipChangeItems(donorId));

    private async IAsyncEnumerable<DataField[]> SponsorshipChangeItems(
        Guid donorId,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var ids = await db.Sponsorships.AsNoTracking().Where(s => s.DonorId == donorId).Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var chunk in ids.Chunk(500))
        {
            var subjects = chunk.Select(id => $"sponsorship:{id}").ToList();
            var records = db.AuditRecords.AsNoTracking().Where(r => r.Subject != null && subjects.Contains(r.Subject)).OrderBy(r => r.Id);
            await foreach (var r in records.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                yield return
                [
                    F("at", r.At), F("sponsorship", r.Subject!["sponsorship:".Length..]), F("change", r.Action),
                    F("by", r.ActorId.StartsWith("donor:", StringComparison.Ordinal) ? "you" : "the charity"), F("detail", r.Details),
                ];
            }
        }
    }
}

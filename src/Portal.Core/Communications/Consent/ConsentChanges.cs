using Portal.Core.Data;
using Portal.Core.Donors;

namespace Portal.Core.Communications.Consent;

/// <summary>
/// The one place a donor's consent changes: the flags on the donor row (what every audience reads) and a
/// <see cref="ConsentRecord"/> per topic that changed (what the donor agreed to), saved by the caller in one transaction.
/// </summary>
public static class ConsentChanges
{
    /// <summary>
    /// Of the topics <paramref name="asked"/> about, gives those in <paramref name="wanted"/> and withdraws the others.
    /// Topics not asked about keep their state. Returns the topics the donor receives afterwards.
    /// </summary>
    public static MailTopics Apply(
        PortalDbContext db, Donor donor, MailTopics asked, MailTopics wanted, Func<MailTopics, (string Id, string Text)> wording, string source,
        DateTime at)
    {
        foreach (var topic in ConsentWordings.Topics.Where(t => asked.HasFlag(t)))
        {
            var given = wanted.HasFlag(topic);
            if (donor.MailConsents.HasFlag(topic) == given)
            {
                continue;
            }

            donor.MailConsents = given ? donor.MailConsents | topic : donor.MailConsents & ~topic;
            var (id, text) = wording(topic);
            db.ConsentRecords.Add(new ConsentRecord
            {
                DonorId = donor.Id,
                Topic = topic,
                Given = given,
                WordingId = id,
                Wording = text,
                Source = source.Length > 200 ? source[..200] : source,
                At = at,
            });
        }

        return donor.MailConsents;
    }
}

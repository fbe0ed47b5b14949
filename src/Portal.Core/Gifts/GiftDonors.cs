using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Donors;

namespace Portal.Core.Gifts;

/// <summary>Finds the donors an offline gift names by address, and adds the new ones to the unit of work.</summary>
internal static class GiftDonors
{
    /// <summary>The donors of these addresses (normalised), a few hundred per query; a merged donor's address is the kept donor's.</summary>
    public static async Task<Dictionary<string, Donor>> KnownAsync(
        PortalDbContext db, IEnumerable<string?> emails, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, Donor>();
        foreach (var chunk in emails.OfType<string>().Select(Donor.Normalize).Where(e => e.Length > 0).Distinct().Chunk(500))
        {
            foreach (var donor in await db.Donors.Where(d => chunk.Contains(d.NormalizedEmail)).ToListAsync(cancellationToken))
            {
                // A merged donor's gifts go to the donor they were merged into.
                known[donor.NormalizedEmail] = donor.MergedIntoId is { } kept
                    ? await db.Donors.SingleAsync(d => d.Id == kept, cancellationToken)
                    : donor;
            }
        }

        return known;
    }

    /// <summary>The gift's donor: the known one, or a new donor added now (and remembered, for a later row of the same file).</summary>
    public static Donor For(PortalDbContext db, CheckedGift gift, Dictionary<string, Donor> known, DateTime now)
    {
        if (known.TryGetValue(gift.NormalizedEmail, out var donor))
        {
            return donor;
        }

        var added = gift.NewDonor ?? throw new InvalidOperationException("A gift of an unknown donor carries the new donor's details.");
        donor = new Donor
        {
            Email = added.Email,
            NormalizedEmail = gift.NormalizedEmail,
            Name = added.Name,
            CountryCode = added.Country,
            CreatedAt = now,
        };
        db.Donors.Add(donor);
        known[gift.NormalizedEmail] = donor;
        return donor;
    }
}

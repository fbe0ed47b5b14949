using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Donors;

/// <summary>
/// Gives donors saved before donor care's search their search keys and payment reference, a thousand at a time, at
/// start-up. Donors saved since get them from <see cref="Donor"/> itself; a second run finds nothing to do.
/// </summary>
public sealed class DonorSearchBackfill(PortalDbContext db)
{
    private const int Batch = 1000;

    /// <returns>How many donors were given their keys.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var done = 0;
        while (true)
        {
            var donors = await db.Donors.Where(d => d.SearchName == null || d.PaymentReference == null)
                .OrderBy(d => d.Id).Take(Batch).ToListAsync(cancellationToken);
            if (donors.Count == 0)
            {
                return done;
            }

            foreach (var donor in donors)
            {
                donor.Name = donor.Name;
                donor.PostalCode = donor.PostalCode;
                donor.PaymentReference ??= PaymentReferences.NewForDonor();
                var entry = db.Entry(donor);
                // Whatever the loaded values looked like to the change tracker, these columns are written.
                entry.Property(d => d.SearchName).IsModified = true;
                entry.Property(d => d.SearchLastName).IsModified = true;
                entry.Property(d => d.PostalCodeKey).IsModified = true;
                entry.Property(d => d.PaymentReference).IsModified = true;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            done += donors.Count;
        }
    }
}

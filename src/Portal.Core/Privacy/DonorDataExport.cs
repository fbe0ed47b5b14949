using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Privacy;

/// <summary>
/// Everything the portal holds about one donor (GDPR Art. 15 and 20), as sections that are read one after another and
/// streamed to the writer, never held whole. Every query is scoped by the donor's id. A new kind of data is one more
/// section method and one line in <see cref="Sections"/>; the JSON and CSV writers need no change.
/// </summary>
public sealed partial class DonorDataExport(PortalDbContext db)
{
    public IEnumerable<DataSection> Sections(Guid donorId) =>
    [
        Profile(donorId),
        Consents(donorId),
        Sponsorships(donorId),
        SponsorshipChanges(donorId),
        Gifts(donorId),
        Receipts(donorId),
        Refunds(donorId),
        RefundRequests(donorId),
        TaxStatements(donorId),
        Emails(donorId),
        UpdateDeliveries(donorId),
        SignIns(donorId),
    ];

    private static DataSection Section<T>(string name, IQueryable<T> query, Func<T, DataField[]> item) => new(name, Map(query, item));

    private static async IAsyncEnumerable<DataField[]> Map<T>(IQueryable<T> query, Func<T, DataField[]> item,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return item(row);
        }
    }

    private static DataField F(string name, object? value) => new(name, value);
}

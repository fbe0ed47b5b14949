using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Exports;

namespace Portal.Core.Donors.Care;

/// <summary>Two donors who may be one person; <see cref="CustomersDiffer"/> when each is a different gateway customer.</summary>
public sealed record DuplicatePair(DuplicateCandidate First, DuplicateCandidate Second, bool CustomersDiffer);

/// <summary>One page of pairs, and the key to ask for the next page with (null on the last).</summary>
public sealed record DuplicatePage(IReadOnlyList<DuplicatePair> Pairs, string? Next);

/// <summary>
/// Likely duplicate donors across the whole federation (decision 032): the same folded name and postal code, read
/// group by group along the (SearchName, PostalCodeKey) index from a key on, a page of groups at a time, so a request
/// never reads all donors. E-mail addresses are unique after normalisation already, so they give no pairs.
/// </summary>
public sealed class DuplicatePairs(PortalDbContext db)
{
    public const int PageSize = 50;

    public async Task<DuplicatePage> PageAsync(string? after, CancellationToken cancellationToken)
    {
        var (name, postal) = Split(after);
        var donors = db.Donors.AsNoTracking()
            .Where(d => d.ErasedAt == null && d.MergedIntoId == null && d.SearchName != null && d.SearchName != "" && d.PostalCodeKey != null);
        if (name is not null)
        {
            donors = donors.Where(d => d.SearchName!.CompareTo(name) > 0 || (d.SearchName == name && d.PostalCodeKey!.CompareTo(postal) > 0));
        }

        var keys = await donors.GroupBy(d => new { d.SearchName, d.PostalCodeKey }).Where(g => g.Count() > 1)
            .OrderBy(g => g.Key.SearchName).ThenBy(g => g.Key.PostalCodeKey)
            .Select(g => g.Key).Take(PageSize + 1).ToListAsync(cancellationToken);
        var more = keys.Count > PageSize;
        keys = [.. keys.Take(PageSize)];
        var names = keys.Select(k => k.SearchName).Distinct().ToList();
        var members = (await db.Donors.AsNoTracking()
                .Where(d => names.Contains(d.SearchName) && d.ErasedAt == null && d.MergedIntoId == null && d.PostalCodeKey != null)
                .Select(d => new
                {
                    d.SearchName,
                    d.PostalCodeKey,
                    Candidate = new DuplicateCandidate(d.Id, d.Name, d.Email, d.PostalCode, d.City, d.CreatedAt),
                })
                .ToListAsync(cancellationToken))
            .Where(m => keys.Any(k => k.SearchName == m.SearchName && k.PostalCodeKey == m.PostalCodeKey)).ToList();
        var ids = members.Select(m => m.Candidate.Id).ToList();
        var customers = (await db.DonorGatewayCustomers.AsNoTracking().Where(c => ids.Contains(c.DonorId)).ToListAsync(cancellationToken))
            .ToLookup(c => c.DonorId);
        var pairs = new List<DuplicatePair>();
        foreach (var key in keys)
        {
            var group = members.Where(m => m.SearchName == key.SearchName && m.PostalCodeKey == key.PostalCodeKey)
                .Select(m => m.Candidate).OrderBy(c => c.CreatedAt).ToList();
            // The oldest record with each newer one: the one a merge would most likely keep.
            pairs.AddRange(group.Skip(1).Select(other => new DuplicatePair(group[0], other, Differ(customers[group[0].Id], customers[other.Id]))));
        }

        return new DuplicatePage(pairs, more ? $"{keys[^1].SearchName}|{keys[^1].PostalCodeKey}" : null);
    }

    /// <summary>Every pair, page by page, as CSV.</summary>
    public async Task<string> CsvAsync(CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("first_id,first_name,first_email,second_id,second_name,second_email,postal_code,different_gateway_customers\r\n");
        for (string? after = null; ;)
        {
            var page = await PageAsync(after, cancellationToken);
            foreach (var (first, second, differ) in page.Pairs)
            {
                csv.Append(string.Join(',', new[]
                {
                    first.Id.ToString(), first.Name, first.Email, second.Id.ToString(), second.Name, second.Email, first.PostalCode ?? "",
                    differ ? "yes" : "no",
                }.Select(CsvText.Cell))).Append("\r\n");
            }

            if ((after = page.Next) is null)
            {
                return csv.ToString();
            }
        }
    }

    private static bool Differ(IEnumerable<DonorGatewayCustomer> first, IEnumerable<DonorGatewayCustomer> second) =>
        first.Any(a => second.Any(b => b.Gateway == a.Gateway && b.CustomerId != a.CustomerId));

    private static (string? Name, string? Postal) Split(string? after) =>
        after?.Split('|', 2) is [var name, var postal] ? (name, postal) : (null, null);
}

using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Donors;

/// <summary>One donor found by <see cref="DonorSearch"/>, with what the query matched.</summary>
public sealed record DonorHit(
    Guid Id, string Name, string Email, string CountryCode, string? PostalCode, string? City, DateTime CreatedAt, bool Erased, DonorMatch Match);

public enum DonorMatch
{
    Email = 1,
    Name = 2,
    PostalCode = 3,
    ReceiptNumber = 4,
    PaymentReference = 5,
    GatewayCustomer = 6,
}

/// <summary>
/// Donor care's search: one box for a name, an e-mail address, a postal code, a receipt number, a payment reference
/// or the gateway's customer id. Every kind of query is answered from an index (an exact key or a key range), so a
/// search costs the same with a thousand donors or a million; at most <see cref="Limit"/> donors come back.
/// </summary>
public sealed partial class DonorSearch(PortalDbContext db)
{
    public const int Limit = 50;
    public const int MaxQueryLength = 254;

    public async Task<IReadOnlyList<DonorHit>> FindAsync(string? query, CancellationToken cancellationToken)
    {
        var text = query?.Trim() ?? "";
        if (text.Length is 0 or > MaxQueryLength)
        {
            return [];
        }

        var hits = new List<DonorHit>();
        if (PaymentReferences.Parse(text) is { } reference)
        {
            var donors = db.Donors.Where(d => d.PaymentReference == reference).OrderBy(d => d.Id);
            hits.AddRange(await HitsAsync(donors, DonorMatch.PaymentReference, cancellationToken));
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            hits.AddRange(await ByEmailAsync(text, cancellationToken));
        }

        if (ReceiptNumber().IsMatch(text))
        {
            var receipt = from charge in db.Charges
                          where charge.ReceiptNumber == text
                          join s in db.Sponsorships on charge.SponsorshipId equals s.Id
                          join d in db.Donors on s.DonorId equals d.Id
                          orderby d.Id
                          select d;
            hits.AddRange(await HitsAsync(receipt, DonorMatch.ReceiptNumber, cancellationToken));
        }

        if (GatewayId().IsMatch(text))
        {
            var customers = from customer in db.DonorGatewayCustomers
                            where customer.CustomerId == text
                            join d in db.Donors on customer.DonorId equals d.Id
                            orderby d.Id
                            select d;
            hits.AddRange(await HitsAsync(customers, DonorMatch.GatewayCustomer, cancellationToken));
        }

        if (DonorSearchKeys.PostalCodeKey(text) is { Length: <= 10 } postal && postal.Any(char.IsAsciiDigit) && !text.Contains('@'))
        {
            var donors = db.Donors.Where(d => d.PostalCodeKey == postal).OrderBy(d => d.Id);
            hits.AddRange(await HitsAsync(donors, DonorMatch.PostalCode, cancellationToken));
        }

        if (!text.Contains('@', StringComparison.Ordinal) && DonorSearchKeys.Fold(text) is { Length: >= 2 } name)
        {
            hits.AddRange(await ByNameAsync(name, cancellationToken));
        }

        return [.. hits.DistinctBy(hit => hit.Id).Take(Limit)];
    }

    private async Task<List<DonorHit>> ByEmailAsync(string text, CancellationToken cancellationToken)
    {
        var normalized = Donor.Normalize(text);
        var exact = await HitsAsync(db.Donors.Where(d => d.NormalizedEmail == normalized).OrderBy(d => d.Id), DonorMatch.Email, cancellationToken);
        if (exact.Count > 0)
        {
            return exact;
        }

        // A part of an address ("anna.m@"): the addresses that start with it, from the unique index's order.
        var (low, high) = Range(normalized);
        var started = await HitsAsync(
            db.Donors.Where(d => d.NormalizedEmail!.CompareTo(low) >= 0 && d.NormalizedEmail!.CompareTo(high) < 0)
                .OrderBy(d => d.NormalizedEmail),
            DonorMatch.Email,
            cancellationToken);
        return [.. started.Where(hit => Donor.Normalize(hit.Email).StartsWith(normalized, StringComparison.Ordinal))];
    }

    /// <summary>Names that start with the query, or whose last word does ("mull" finds "Anna Müller").</summary>
    private async Task<List<DonorHit>> ByNameAsync(string name, CancellationToken cancellationToken)
    {
        var (low, high) = Range(name);
        var whole = await HitsAsync(
            db.Donors.Where(d => d.SearchName!.CompareTo(low) >= 0 && d.SearchName!.CompareTo(high) < 0).OrderBy(d => d.SearchName),
            DonorMatch.Name,
            cancellationToken);
        var last = name.Contains(' ', StringComparison.Ordinal)
            ? []
            : await HitsAsync(
                db.Donors.Where(d => d.SearchLastName!.CompareTo(low) >= 0 && d.SearchLastName!.CompareTo(high) < 0)
                    .OrderBy(d => d.SearchLastName),
                DonorMatch.Name,
                cancellationToken);
        return [.. whole.Concat(last).Where(hit => Matches(DonorSearchKeys.Fold(hit.Name), name))];
    }

    private static bool Matches(string folded, string name) =>
        folded.StartsWith(name, StringComparison.Ordinal)
        || (!name.Contains(' ', StringComparison.Ordinal) && DonorSearchKeys.LastWord(folded).StartsWith(name, StringComparison.Ordinal));

    /// <summary>The key range [low, high) of every key that starts with <paramref name="prefix"/>.</summary>
    private static (string Low, string High) Range(string prefix) => (prefix, prefix[..^1] + (char)(prefix[^1] + 1));

    private static Task<List<DonorHit>> HitsAsync(IQueryable<Donor> donors, DonorMatch match, CancellationToken cancellationToken) =>
        donors.AsNoTracking().Take(Limit)
            .Select(d => new DonorHit(d.Id, d.Name, d.Email, d.CountryCode, d.PostalCode, d.City, d.CreatedAt, d.ErasedAt != null, match))
            .ToListAsync(cancellationToken);

    [GeneratedRegex(@"^\d{4}-\d{7,}$")]
    private static partial Regex ReceiptNumber();

    /// <summary>A gateway's object id: a lower-case prefix, an underscore and letters and digits ("cus_Nf8…").</summary>
    [GeneratedRegex("^[a-z]{2,8}_[A-Za-z0-9]{4,}$")]
    private static partial Regex GatewayId();
}

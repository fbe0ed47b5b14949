using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Funds;

/// <summary>The one rule of what the public sees: every fund but drafts (closed ones stay, with their history).</summary>
public static class PublicFunds
{
    public static IQueryable<Fund> Public(this IQueryable<Fund> funds) => funds.Where(f => f.Status != FundStatus.Draft);

    /// <summary>The present slug of the public fund that had <paramref name="oldSlug"/>, or null.</summary>
    public static Task<string?> MovedToAsync(PortalDbContext db, string oldSlug, CancellationToken cancellationToken) =>
        (from moved in db.FundSlugRedirects
         join fund in db.Funds.Public() on moved.FundId equals fund.Id
         where moved.OldSlug == oldSlug
         select fund.Slug).SingleOrDefaultAsync(cancellationToken);
}

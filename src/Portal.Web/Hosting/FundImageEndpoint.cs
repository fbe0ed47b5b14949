using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Funds;

namespace Portal.Web.Hosting;

/// <summary>
/// <c>GET /funds/{slug}/image.svg</c>: the fund's generated picture, cached by browsers for a day; and
/// <c>GET /funds/{slug}/photos/{id}</c>: one of its photos while the fund is public, cached for an hour only, so a
/// photo that is removed (a child could be recognised) is soon gone from caches too.
/// </summary>
public static class FundImageEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/funds/{slug}/photos/{id:guid}", async (string slug, Guid id, PortalDbContext db, HttpContext context) =>
        {
            var photo = await (
                from p in db.FundPhotos.AsNoTracking()
                join fund in db.Funds.AsNoTracking().Public() on p.FundId equals fund.Id
                where p.Id == id && fund.Slug == slug
                select new { p.Bytes, p.ContentType }).SingleOrDefaultAsync(context.RequestAborted);
            if (photo is null)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.File(photo.Bytes, photo.ContentType);
        });
        endpoints.MapGet("/funds/{slug}/image.svg", async (string slug, PortalDbContext db, HttpContext context) =>
        {
            var fund = await db.Funds.AsNoTracking().Public().SingleOrDefaultAsync(f => f.Slug == slug, context.RequestAborted);
            if (fund is null)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.Text(FundImage.Svg(fund), "image/svg+xml");
        });
    }
}

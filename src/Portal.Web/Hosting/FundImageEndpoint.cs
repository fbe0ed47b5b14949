using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Funds;

namespace Portal.Web.Hosting;

/// <summary><c>GET /funds/{slug}/image.svg</c>: the fund's generated picture, cached by browsers for a day.</summary>
public static class FundImageEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
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

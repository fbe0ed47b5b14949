using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Web.Pages.Updates;

/// <summary>A picture in an update, as mail clients and the web version load it: re-encoded at upload, cached for a year.</summary>
public sealed class ImageModel(PortalDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var image = await db.UpdateImages.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Bytes, i.ContentType })
            .SingleOrDefaultAsync(cancellationToken);
        if (image is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return File(image.Bytes, image.ContentType);
    }
}

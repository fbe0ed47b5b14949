using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Audit;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Communications.Pages.Updates;

/// <summary>Writes or changes a draft update, and uploads pictures into it (resized, re-encoded, placed in the body).</summary>
[RequestSizeLimit(UpdateImages.MaxBytes + 256 * 1024)]
public sealed class EditModel(
    PortalDbContext db,
    UserManager<IdentityUser> users,
    AuditLog audit,
    CharityCalendar calendar,
    IStringLocalizer<StaffText> text) : PageModel
{
    [BindProperty]
    public UpdateForm Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public Guid? UpdateId { get; private set; }

    public List<Fund> Funds { get; private set; } = [];

    public string? ImageProblem { get; private set; }

    /// <param name="audience">For a new update: its audience, as the fundraising page's lists link to it.</param>
    /// <param name="fundId">For a new update: the fund its audience is narrowed to.</param>
    public async Task<IActionResult> OnGetAsync(Guid? id, UpdateAudienceKind? audience, Guid? fundId, CancellationToken cancellationToken)
    {
        if (id is null && audience is { } kind && Enum.IsDefined(kind))
        {
            (Input.Audience, Input.FundId) = (kind, fundId);
        }

        if (id is { } existing)
        {
            var update = await db.ImpactUpdates.AsNoTracking().SingleOrDefaultAsync(u => u.Id == existing, cancellationToken);
            if (update is null)
            {
                return NotFound();
            }

            if (update.Status != UpdateStatus.Draft)
            {
                return RedirectToPage("Details", new { id });
            }

            Input = UpdateForm.From(update);
            UpdateId = existing;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        UpdateId = id;
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(cancellationToken);
        }

        if (Input.FundId is { } fundId && !await db.Funds.AnyAsync(f => f.Id == fundId, cancellationToken))
        {
            ModelState.AddModelError("Input.FundId", text["That fund does not exist."]);
            return await RedisplayAsync(cancellationToken);
        }

        var (actorId, actor) = await users.ActorAsync(User);
        var now = calendar.UtcNow;
        ImpactUpdate? update;
        if (id is { } existing)
        {
            update = await db.ImpactUpdates.SingleOrDefaultAsync(u => u.Id == existing, cancellationToken);
            if (update is null)
            {
                return NotFound();
            }

            if (update.Status != UpdateStatus.Draft || update.Version != Input.Version)
            {
                ModelState.AddModelError("", text["This update was changed or sent meanwhile; reload it before saving."]);
                return await RedisplayAsync(cancellationToken);
            }
        }
        else
        {
            update = new ImpactUpdate { Title = "", BodyMarkdown = "", CreatedBy = actor, CreatedAt = now };
            db.ImpactUpdates.Add(update);
        }

        Input.CopyTo(update);
        update.UpdatedAt = now;
        audit.Record(actorId, actor, id is null ? "update.created" : "update.edited", $"update:{update.Id}", update.Title);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", text["This update was changed or sent meanwhile; reload it before saving."]);
            return await RedisplayAsync(cancellationToken);
        }

        StatusMessage = text["The draft was saved. Check the previews, send yourself a test, then send or schedule it."];
        return RedirectToPage("Details", new { id = update.Id });
    }

    public async Task<IActionResult> OnPostImageAsync(Guid id, IFormFile? picture, string? alt, CancellationToken cancellationToken)
    {
        var update = await db.ImpactUpdates.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (update is null)
        {
            return NotFound();
        }

        UpdateId = id;
        Input = UpdateForm.From(update);
        ModelState.Clear();
        if (update.Status != UpdateStatus.Draft)
        {
            ImageProblem = text["Pictures can only be added to a draft."];
        }
        else if (picture is null || picture.Length == 0 || picture.Length > UpdateImages.MaxBytes)
        {
            ImageProblem = text["Choose a picture of at most {0} MB.", UpdateImages.MaxBytes / 1024 / 1024];
        }
        else if (string.IsNullOrWhiteSpace(alt) || alt.Length > 300)
        {
            ImageProblem = text["Describe the picture in a few words (at most 300 characters) for readers who cannot see it."];
        }

        if (ImageProblem is null)
        {
            using var buffer = new MemoryStream();
            await picture!.CopyToAsync(buffer, cancellationToken);
            var prepared = UpdateImages.Prepare(buffer.ToArray());
            ImageProblem = prepared.Problem;
            if (prepared.Problem is null)
            {
                var (_, actor) = await users.ActorAsync(User);
                var image = new UpdateImage
                {
                    UpdateId = id,
                    ContentType = prepared.ContentType,
                    Width = prepared.Width,
                    Height = prepared.Height,
                    Bytes = prepared.Bytes,
                    AltText = alt!.Trim(),
                    UploadedBy = actor,
                    CreatedAt = calendar.UtcNow
                };
                db.UpdateImages.Add(image);
                var altText = alt!.Trim().Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal);
                update.BodyMarkdown += $"\n\n![{altText}](/updates/images/{image.Id})\n";
                update.UpdatedAt = calendar.UtcNow;
                await db.SaveChangesAsync(cancellationToken);
                StatusMessage = text["The picture was added at the end of the body ({0}×{1}); move its line where it belongs.",
                    prepared.Width, prepared.Height];
                return RedirectToPage(new { id });
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken cancellationToken)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Funds = await db.Funds.AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken);
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Transparency;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Communications.Pages.Funds;

/// <summary>
/// /communications/funds/edit/{id?}: creates a fund (a draft) or changes one: its texts in every language, where it
/// is, its currency and goal, its place on the home page and its state. Warnings of the child-data scan show above the
/// form; publishing needs the confirmation that someone read them (<see cref="EditFund"/>).
/// </summary>
[RequestSizeLimit(UpdateImages.MaxBytes + 256 * 1024)]
public sealed class EditModel(PortalDbContext db, EditFund edit, UserManager<IdentityUser> users, IStringLocalizer<StaffText> text)
    : PageModel
{
    [BindProperty]
    public FundForm Input { get; set; } = new();

    /// <summary>The fund's photos, main first, with their translated texts; their bytes are not loaded.</summary>
    public IReadOnlyList<PhotoRow> Photos { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public Fund? Fund { get; private set; }

    /// <summary>Donors have given to it: the currency is fixed.</summary>
    public bool HasMoney { get; private set; }

    public IReadOnlyList<string> MissingLanguages { get; private set; } = [];

    public IReadOnlyList<ChildDataWarning> Warnings { get; private set; } = [];

    /// <summary>The newest move of a closed fund's sponsorships, for its progress line.</summary>
    public FundMove? LatestMove { get; private set; }

    /// <summary>Open funds in the same currency, that a closed fund's sponsorships may move to.</summary>
    public IReadOnlyList<Fund> MoveTargets { get; private set; } = [];

    /// <summary>The closed fund's running sponsorships now.</summary>
    public int RunningSponsorships { get; private set; }

    /// <summary>
    /// Moves every running sponsorship of this closed fund to an open fund, with a reason (a job does it in batches and
    /// e-mails each sponsor once). The fund's version the page showed makes a second click refused, not run twice.
    /// </summary>
    public async Task<IActionResult> OnPostMoveAsync(
        Guid id, int version, string? moveTo, string? moveReason, [FromServices] MoveFundSponsorships moves, CancellationToken cancellationToken)
    {
        var (actorId, actorName) = await users.ActorAsync(User);
        var (moveId, refusal) = await moves.StartAsync(id, version, moveTo, moveReason, actorId, actorName, cancellationToken);
        if (moveId is null)
        {
            if (!await LoadAsync(id, cancellationToken) || Fund is null)
            {
                return NotFound();
            }

            ModelState.Clear();
            ModelState.AddModelError("moveTo", text[refusal!]);
            Input = FundForm.From(Fund);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await FillAsync(cancellationToken);
            return Page();
        }

        StatusMessage = text["The move has begun; each sponsor is told by e-mail. This page shows how far it is."].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = Fund is null ? new FundForm().OfferAll() : FundForm.From(Fund);

        await FillAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var (actorId, actorName) = await users.ActorAsync(User);
            switch (await edit.SaveAsync(id, Input.ToInput(), actorId, actorName, cancellationToken))
            {
                case FundSaveResult.Saved saved:
                    StatusMessage = Input.Status == FundStatus.Draft
                        ? text["Saved as a draft: only staff see it."].Value
                        : text["Saved. The public pages show it now."].Value;
                    return RedirectToPage(new { id = saved.FundId });
                case FundSaveResult.Invalid invalid:
                    foreach (var problem in invalid.Problems)
                    {
                        ModelState.AddModelError(problem.Field.Length == 0 ? "" : $"{nameof(Input)}.{problem.Field}", text[problem.Message]);
                    }

                    if (invalid.Problems.Any(p => p.Message == EditFund.ChangedMeanwhile))
                    {
                        // What was typed stays; saving again, after comparing, replaces the other editor's save.
                        ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
                        Input.Version = Fund?.Version;
                    }

                    break;
                default:
                    return NotFound();
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await FillAsync(cancellationToken);
        return Page();
    }

    /// <summary>A photo of the fund as stored (re-encoded), for the editor: drafts' photos are not public.</summary>
    public async Task<IActionResult> OnGetPhotoAsync(Guid id, Guid photoId, CancellationToken cancellationToken)
    {
        var photo = await db.FundPhotos.AsNoTracking().Where(p => p.Id == photoId && p.FundId == id)
            .Select(p => new { p.Bytes, p.ContentType }).SingleOrDefaultAsync(cancellationToken);
        return photo is null ? NotFound() : File(photo.Bytes, photo.ContentType);
    }

    public async Task<IActionResult> OnPostPhotoAsync(
        Guid id, IFormFile? photo, string? photoAlt, string? photoCaption, bool photoConfirmed, [FromServices] FundPhotos photos,
        CancellationToken cancellationToken)
    {
        if (photo is null || photo.Length == 0 || photo.Length > UpdateImages.MaxBytes)
        {
            return await PhotoProblemAsync(id, [new FundProblem("Photo", FundPhotos.ChoosePhoto)], cancellationToken);
        }

        using var buffer = new MemoryStream();
        await photo.CopyToAsync(buffer, cancellationToken);
        var (actorId, actorName) = await users.ActorAsync(User);
        return await PhotoResultAsync(
            id, await photos.AddAsync(id, buffer.ToArray(), photoAlt, photoCaption, photoConfirmed, actorId, actorName, cancellationToken),
            text["The photo was added."], cancellationToken);
    }

    public async Task<IActionResult> OnPostPhotoTextsAsync(
        Guid id, Guid photoId, string? alt, string? caption, bool confirmed, List<PhotoTextForm>? texts,
        [FromServices] FundPhotos photos, CancellationToken cancellationToken)
    {
        var translated = (texts ?? []).Where(t => t.Language is not null)
            .Select(t => new FundPhotoTranslation { Language = t.Language!, AltText = t.AltText, Caption = t.Caption }).ToList();
        var (actorId, actorName) = await users.ActorAsync(User);
        return await PhotoResultAsync(
            id, await photos.SaveTextsAsync(photoId, alt, caption, translated, confirmed, actorId, actorName, cancellationToken),
            text["The photo's texts were saved."], cancellationToken);
    }

    public async Task<IActionResult> OnPostMainPhotoAsync(
        Guid id, Guid photoId, [FromServices] FundPhotos photos, CancellationToken cancellationToken)
    {
        var (actorId, actorName) = await users.ActorAsync(User);
        return await PhotoResultAsync(
            id, await photos.MakeMainAsync(photoId, actorId, actorName, cancellationToken), text["This is now the main photo."], cancellationToken);
    }

    public async Task<IActionResult> OnPostRemovePhotoAsync(
        Guid id, Guid photoId, [FromServices] FundPhotos photos, CancellationToken cancellationToken)
    {
        var (actorId, actorName) = await users.ActorAsync(User);
        return await PhotoResultAsync(
            id, await photos.RemoveAsync(photoId, actorId, actorName, cancellationToken), text["The photo was removed."], cancellationToken);
    }

    private async Task<IActionResult> PhotoResultAsync(Guid id, FundSaveResult result, string done, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case FundSaveResult.Saved:
                StatusMessage = done;
                return RedirectToPage(new { id });
            case FundSaveResult.Invalid invalid:
                return await PhotoProblemAsync(id, invalid.Problems, cancellationToken);
            default:
                return NotFound();
        }
    }

    /// <summary>The page again, with the photo's problems above the form and the fund's saved values in it.</summary>
    private async Task<IActionResult> PhotoProblemAsync(Guid id, IReadOnlyList<FundProblem> problems, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Fund is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        foreach (var problem in problems)
        {
            ModelState.AddModelError(problem.Field, text[problem.Message]);
        }

        Input = FundForm.From(Fund);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await FillAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is not { } existing)
        {
            return true;
        }

        Fund = await db.Funds.AsNoTracking().SingleOrDefaultAsync(f => f.Id == existing, cancellationToken);
        HasMoney = Fund is not null && await edit.HasMoneyAsync(existing, cancellationToken);
        return Fund is not null;
    }

    /// <summary>The translation rows, what is missing, and the scan's warnings about the texts shown.</summary>
    private async Task FillAsync(CancellationToken cancellationToken)
    {
        var saved = Fund is null ? [] : await db.FundTranslations.AsNoTracking().Where(t => t.FundId == Fund.Id).ToListAsync(cancellationToken);
        Input.FillTranslations(saved);
        MissingLanguages = FundText.MissingIn(Input.Translations
            .Select(t => new FundTranslation { Language = t.Language ?? "", Name = t.Name, Summary = t.Summary, Story = t.Story }));
        Warnings = EditFund.Warnings(Input.ToInput());
        if (Fund is { Status: FundStatus.Closed } closed)
        {
            LatestMove = await db.FundMoves.AsNoTracking().Where(m => m.FromFundId == closed.Id).OrderByDescending(m => m.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken);
            MoveTargets = await db.Funds.AsNoTracking().Where(f => f.Status == FundStatus.Open && f.Currency == closed.Currency)
                .OrderBy(f => f.Name).ToListAsync(cancellationToken);
            RunningSponsorships = await db.Sponsorships.CountAsync(
                s => s.FundId == closed.Id && s.Interval != Portal.Core.Sponsorships.SponsorshipInterval.Once
                    && Portal.Core.Sponsorships.SponsorshipStatuses.Running.Contains(s.Status),
                cancellationToken);
        }

        if (Fund is not null)
        {
            var photos = await db.FundPhotos.AsNoTracking().Where(p => p.FundId == Fund.Id).OrderBy(p => p.Position).ThenBy(p => p.Id)
                .Select(p => new FundPhoto
                {
                    Id = p.Id,
                    FundId = p.FundId,
                    Position = p.Position,
                    ContentType = p.ContentType,
                    Width = p.Width,
                    Height = p.Height,
                    Bytes = Array.Empty<byte>(),
                    AltText = p.AltText,
                    Caption = p.Caption,
                    UploadedBy = p.UploadedBy,
                    CreatedAt = p.CreatedAt,
                })
                .Take(FundPhotos.MaxPhotos).ToListAsync(cancellationToken);
            var ids = photos.Select(p => p.Id).ToList();
            var translations = await db.FundPhotoTranslations.AsNoTracking().Where(t => ids.Contains(t.PhotoId)).ToListAsync(cancellationToken);
            Photos = photos.Select(p => new PhotoRow(p, FundText.Languages
                .Select(l => translations.SingleOrDefault(t => t.PhotoId == p.Id && t.Language == l)
                    ?? new FundPhotoTranslation { PhotoId = p.Id, Language = l }).ToList())).ToList();
            Warnings = [.. Warnings, .. FundPhotos.Warnings(photos, translations)];
        }
    }

    /// <summary>A photo on the editor's page, with a row per language it can be translated into.</summary>
    public sealed record PhotoRow(FundPhoto Photo, IReadOnlyList<FundPhotoTranslation> Translations);

    /// <summary>A photo's texts in one more language, as the form posts them.</summary>
    public sealed class PhotoTextForm
    {
        public string? Language { get; set; }

        public string? AltText { get; set; }

        public string? Caption { get; set; }
    }
}

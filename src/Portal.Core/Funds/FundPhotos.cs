using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Languages;
using Portal.Core.Transparency;

namespace Portal.Core.Funds;

/// <summary>
/// A fund's photos: added (re-encoded as update pictures are, so no metadata survives), their alt texts and captions
/// in every language, the main one chosen, removed. A photo added to a public fund, and texts of one that the
/// child-data scan warns about, need the editor's confirmation that no child can be recognised or named. Every change
/// is audited in the same save, and the public pages' cached copies go at once (the totals interceptor watches photos).
/// </summary>
public sealed class FundPhotos(PortalDbContext db, AuditLog audit, CharityCalendar calendar)
{
    /// <summary>Enough for a gallery; a page never loads more.</summary>
    public const int MaxPhotos = 12;

    public const int MaxText = 300;

    public const string AltTextNeeded = "Describe the photo in a few words (at most 300 characters) for readers who cannot see it.";

    public const string ChoosePhoto = "Choose a photo of at most 10 MB: a JPEG, PNG, WebP or GIF.";

    public const string CaptionTooLong = "A caption has at most 300 characters.";

    public const string TooMany = "A fund has at most 12 photos: remove one first.";

    public const string PhotoNeedsConfirmation =
        "Confirm that no child can be recognised in the photo and that its texts name no child and no exact place.";

    /// <summary>What the scan finds in the photos' texts, each named by the photo's place and language.</summary>
    public static IReadOnlyList<ChildDataWarning> Warnings(IReadOnlyList<FundPhoto> photos, IReadOnlyList<FundPhotoTranslation> translations) =>
        ChildDataScan.Scan(photos.SelectMany((photo, i) => Texts(i + 1, photo.AltText, photo.Caption, null)
            .Concat(translations.Where(t => t.PhotoId == photo.Id).SelectMany(t => Texts(i + 1, t.AltText, t.Caption, t.Language)))));

    public async Task<FundSaveResult> AddAsync(
        Guid fundId, byte[] upload, string? altText, string? caption, bool confirmed, string actorId, string actorName,
        CancellationToken cancellationToken)
    {
        var fund = await db.Funds.SingleOrDefaultAsync(f => f.Id == fundId, cancellationToken);
        if (fund is null)
        {
            return new FundSaveResult.NotFound();
        }

        var problems = TextProblems(altText, caption, required: true);
        if (await db.FundPhotos.CountAsync(p => p.FundId == fundId, cancellationToken) >= MaxPhotos)
        {
            problems.Add(new FundProblem("Photo", TooMany));
        }

        if (fund.Status != FundStatus.Draft && !confirmed)
        {
            problems.Add(new FundProblem("PhotoConfirmed", PhotoNeedsConfirmation));
        }

        if (problems.Count > 0)
        {
            return new FundSaveResult.Invalid(problems);
        }

        var prepared = UpdateImages.Prepare(upload);
        if (prepared.Problem is { } problem)
        {
            return new FundSaveResult.Invalid([new FundProblem("Photo", problem)]);
        }

        var last = await db.FundPhotos.Where(p => p.FundId == fundId).MaxAsync(p => (int?)p.Position, cancellationToken);
        var photo = new FundPhoto
        {
            FundId = fundId,
            Position = (last ?? 0) + 1,
            ContentType = prepared.ContentType,
            Width = prepared.Width,
            Height = prepared.Height,
            Bytes = prepared.Bytes,
            AltText = altText!.Trim(),
            Caption = Clean(caption),
            UploadedBy = actorName,
            CreatedAt = calendar.UtcNow,
        };
        db.FundPhotos.Add(photo);
        audit.Record(actorId, actorName, "fund.photo-added", $"fund:{fund.Id}",
            $"{fund.Code}: {photo.Width}×{photo.Height} \"{photo.AltText}\"{(confirmed ? ", checked for children's data" : "")}");
        await db.SaveChangesAsync(cancellationToken);
        return new FundSaveResult.Saved(fund.Id);
    }

    /// <summary>Sets a photo's alt text and caption, and their translations (an empty one falls back to the photo's own).</summary>
    public async Task<FundSaveResult> SaveTextsAsync(
        Guid photoId, string? altText, string? caption, IReadOnlyList<FundPhotoTranslation> translated, bool confirmed,
        string actorId, string actorName, CancellationToken cancellationToken)
    {
        var photo = await db.FundPhotos.SingleOrDefaultAsync(p => p.Id == photoId, cancellationToken);
        var fund = photo is null ? null : await db.Funds.SingleOrDefaultAsync(f => f.Id == photo.FundId, cancellationToken);
        if (photo is null || fund is null)
        {
            return new FundSaveResult.NotFound();
        }

        var problems = TextProblems(altText, caption, required: true);
        foreach (var t in translated)
        {
            problems.AddRange(TextProblems(t.AltText, t.Caption, required: false));
        }

        var given = translated.Where(t => FundText.Languages.Contains(t.Language)).DistinctBy(t => t.Language).ToList();
        var warnings = ChildDataScan.Scan(Texts(1, altText, caption, null).Concat(given.SelectMany(t => Texts(1, t.AltText, t.Caption, t.Language))));
        if (fund.Status != FundStatus.Draft && warnings.Count > 0 && !confirmed)
        {
            problems.Add(new FundProblem("PhotoConfirmed", PhotoNeedsConfirmation));
        }

        if (problems.Count > 0)
        {
            return new FundSaveResult.Invalid(problems.DistinctBy(p => p.Message).ToList());
        }

        (photo.AltText, photo.Caption) = (altText!.Trim(), Clean(caption));
        var saved = await db.FundPhotoTranslations.Where(t => t.PhotoId == photoId).ToListAsync(cancellationToken);
        foreach (var t in given)
        {
            var (alt, text) = (Clean(t.AltText), Clean(t.Caption));
            var row = saved.SingleOrDefault(s => s.Language == t.Language);
            if (row is null && (alt, text) != (null, null))
            {
                db.FundPhotoTranslations.Add(new FundPhotoTranslation { PhotoId = photoId, Language = t.Language, AltText = alt, Caption = text });
            }
            else if (row is not null)
            {
                (row.AltText, row.Caption) = (alt, text);
            }
        }

        audit.Record(actorId, actorName, "fund.photo-texts", $"fund:{fund.Id}",
            $"{fund.Code}: photo {photo.Id} \"{photo.AltText}\"{(confirmed ? ", checked for children's data" : "")}");
        await db.SaveChangesAsync(cancellationToken);
        return new FundSaveResult.Saved(fund.Id);
    }

    /// <summary>Makes the photo the fund's main one: it goes first.</summary>
    public Task<FundSaveResult> MakeMainAsync(Guid photoId, string actorId, string actorName, CancellationToken cancellationToken) =>
        ChangeAsync(photoId, "fund.photo-main", actorId, actorName, async photo =>
            photo.Position = (await db.FundPhotos.Where(p => p.FundId == photo.FundId).MinAsync(p => p.Position, cancellationToken)) - 1,
            cancellationToken);

    public Task<FundSaveResult> RemoveAsync(Guid photoId, string actorId, string actorName, CancellationToken cancellationToken) =>
        ChangeAsync(photoId, "fund.photo-removed", actorId, actorName, async photo =>
        {
            db.FundPhotoTranslations.RemoveRange(await db.FundPhotoTranslations.Where(t => t.PhotoId == photo.Id).ToListAsync(cancellationToken));
            db.FundPhotos.Remove(photo);
        }, cancellationToken);

    /// <summary>The funds' photos in the language (falling back text by text), main first, without their bytes.</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<FundPhotoView>>> ForAsync(
        PortalDbContext db, IReadOnlyCollection<Guid> fundIds, string? language, CancellationToken cancellationToken)
    {
        var code = PortalLanguages.Normalize(language);
        var photos = await db.FundPhotos.AsNoTracking().Where(p => fundIds.Contains(p.FundId))
            .OrderBy(p => p.FundId).ThenBy(p => p.Position).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.FundId, p.Width, p.Height, p.AltText, p.Caption })
            .ToListAsync(cancellationToken);
        var ids = photos.Select(p => p.Id).ToList();
        var translations = code == PortalLanguages.Default || ids.Count == 0
            ? []
            : await db.FundPhotoTranslations.AsNoTracking().Where(t => t.Language == code && ids.Contains(t.PhotoId))
                .ToDictionaryAsync(t => t.PhotoId, cancellationToken);
        return photos.GroupBy(p => p.FundId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<FundPhotoView>)g.Take(MaxPhotos).Select(p =>
            {
                var t = translations.GetValueOrDefault(p.Id);
                return new FundPhotoView(p.Id, p.FundId, p.Width, p.Height, Clean(t?.AltText) ?? p.AltText, Clean(t?.Caption) ?? p.Caption);
            }).ToList());
    }

    private async Task<FundSaveResult> ChangeAsync(
        Guid photoId, string action, string actorId, string actorName, Func<FundPhoto, Task> change, CancellationToken cancellationToken)
    {
        var photo = await db.FundPhotos.SingleOrDefaultAsync(p => p.Id == photoId, cancellationToken);
        var fund = photo is null ? null : await db.Funds.AsNoTracking().SingleOrDefaultAsync(f => f.Id == photo.FundId, cancellationToken);
        if (photo is null || fund is null)
        {
            return new FundSaveResult.NotFound();
        }

        await change(photo);
        audit.Record(actorId, actorName, action, $"fund:{fund.Id}", $"{fund.Code}: photo {photo.Id} \"{photo.AltText}\"");
        await db.SaveChangesAsync(cancellationToken);
        return new FundSaveResult.Saved(fund.Id);
    }

    private static List<FundProblem> TextProblems(string? altText, string? caption, bool required)
    {
        var problems = new List<FundProblem>();
        if ((required && string.IsNullOrWhiteSpace(altText)) || altText?.Trim().Length > MaxText)
        {
            problems.Add(new FundProblem("PhotoAltText", AltTextNeeded));
        }

        if (caption?.Trim().Length > MaxText)
        {
            problems.Add(new FundProblem("PhotoCaption", CaptionTooLong));
        }

        return problems;
    }

    private static IEnumerable<(string Where, string? Text)> Texts(int number, string? altText, string? caption, string? language)
    {
        var suffix = language is null ? "" : $" ({language})";
        yield return ($"photo {number}'s alt text{suffix}", altText);
        yield return ($"photo {number}'s caption{suffix}", caption);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

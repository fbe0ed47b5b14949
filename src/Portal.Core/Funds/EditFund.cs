using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Shared;
using Portal.Core.Transparency;

namespace Portal.Core.Funds;

/// <summary>
/// Creates or changes a fund from the editor: checked by <see cref="FundRules"/>; publishing, and changing the texts of
/// a public fund the child-data scan warns about, need the editor's confirmation, recorded with their name; an address
/// that changes leaves a redirect behind; every change is audited in the same save. The save raises the public pages'
/// change feed (the fund's rows are watched by the totals interceptor), so their cached copies go at once.
/// </summary>
public sealed class EditFund(PortalDbContext db, FundRules rules, AuditLog audit, CharityCalendar calendar)
{
    public const string ChangedMeanwhile =
        "Someone else saved this fund while you were editing it. What you typed is still here: compare it with the saved fund "
        + "(open it in another tab), then save again to replace their changes.";

    /// <summary>What the scan finds in every text a donor reads of the input, each named by where it is.</summary>
    public static IReadOnlyList<ChildDataWarning> Warnings(FundInput input) => ChildDataScan.Scan(
    [
        ("the name", input.Name), ("the summary", input.Summary), ("the story", input.Story),
        .. input.Translations.SelectMany(t => new[]
        {
            ($"the name ({t.Language})", t.Name), ($"the summary ({t.Language})", t.Summary), ($"the story ({t.Language})", t.Story),
        }),
    ]);

    public async Task<FundSaveResult> SaveAsync(Guid? id, FundInput input, string actorId, string actorName, CancellationToken cancellationToken)
    {
        var fund = id is { } existing ? await db.Funds.SingleOrDefaultAsync(f => f.Id == existing, cancellationToken) : null;
        if (id is not null && fund is null)
        {
            return new FundSaveResult.NotFound();
        }

        if (fund is not null && input.Version is { } seen && seen != fund.Version)
        {
            return new FundSaveResult.Invalid([new FundProblem("", ChangedMeanwhile)]);
        }

        var hasMoney = fund is not null && await HasMoneyAsync(fund.Id, cancellationToken);
        if (await rules.CheckAsync(fund, input, hasMoney, cancellationToken) is { Count: > 0 } problems)
        {
            return new FundSaveResult.Invalid(problems);
        }

        var translations = fund is null ? [] : await db.FundTranslations.Where(t => t.FundId == fund.Id).ToListAsync(cancellationToken);
        var publishing = input.Status != FundStatus.Draft && fund?.Status is null or FundStatus.Draft;
        var warnings = Warnings(input);
        var textsChanged = fund is null || TextsDiffer(fund, translations, input);
        if (input.Status != FundStatus.Draft && (publishing || (textsChanged && warnings.Count > 0)) && !input.ChildDataConfirmed)
        {
            var message = publishing ? FundRules.PublishNeedsConfirmation : FundRules.ChangeNeedsConfirmation;
            return new FundSaveResult.Invalid([new FundProblem(nameof(input.ChildDataConfirmed), message)]);
        }

        var now = calendar.UtcNow;
        var statusBefore = fund?.Status;
        var slugBefore = fund?.Slug;
        if (fund is null)
        {
            var slug = input.Slug!.Trim();
            fund = new Fund
            {
                Slug = slug,
                Code = input.Code!.Trim().ToUpperInvariant(),
                Name = "",
                Summary = "",
                Story = "",
                Currency = "",
                ImageSeed = DemoFunds.Seed(slug),
                CreatedAt = now,
            };
            db.Funds.Add(fund);
        }

        Apply(fund, input);
        fund.PresetsMinor = string.IsNullOrWhiteSpace(input.Presets) ? null : rules.Presets(input.Presets, Currency.Of(fund.Currency));
        var changed = ChangedFields(fund);
        ApplyTranslations(fund.Id, translations, input.Translations, changed);
        await MoveAddressAsync(fund, slugBefore, now, cancellationToken);
        var subject = $"fund:{fund.Id}";
        audit.Record(actorId, actorName, statusBefore is null ? "fund.created" : "fund.edited", subject,
            $"{fund.Code}: {(changed.Count == 0 ? "nothing changed" : string.Join(", ", changed))}");
        if (slugBefore is not null && slugBefore != fund.Slug)
        {
            audit.Record(actorId, actorName, "fund.address-changed", subject, $"{fund.Code}: /funds/{slugBefore} → /funds/{fund.Slug}");
        }

        if (statusBefore is not null && statusBefore != fund.Status)
        {
            var action = fund.Status switch { FundStatus.Open => "published", FundStatus.Closed => "closed", _ => "unpublished" };
            audit.Record(actorId, actorName, $"fund.{action}", subject, fund.Code);
        }

        if (input.ChildDataConfirmed && fund.Status != FundStatus.Draft && (publishing || textsChanged))
        {
            (fund.ChildDataConfirmedAt, fund.ChildDataConfirmedBy) = (now, actorName);
            audit.Record(actorId, actorName, "fund.child-data-confirmed", subject, $"{fund.Code}: {warnings.Count} warning(s) read");
        }

        if (db.Entry(fund).State == EntityState.Unchanged)
        {
            // Every save of the editor counts as a new version, also one that changes only a translation.
            db.Entry(fund).Property(f => f.Version).IsModified = true;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another editor saved between this one's read and write.
            db.ChangeTracker.Clear();
            return new FundSaveResult.Invalid([new FundProblem("", ChangedMeanwhile)]);
        }

        return new FundSaveResult.Saved(fund.Id);
    }

    /// <summary>Whether donors have given to the fund: its currency is then fixed and it cannot become a draft again.</summary>
    public async Task<bool> HasMoneyAsync(Guid fundId, CancellationToken cancellationToken) =>
        await db.JournalEntries.AnyAsync(e => e.FundId == fundId, cancellationToken)
        || await db.Accounts.AnyAsync(a => a.FundId == fundId, cancellationToken)
        || await db.Sponsorships.AnyAsync(s => s.FundId == fundId, cancellationToken);

    private static void Apply(Fund fund, FundInput input)
    {
        var currency = Currency.Of(FundRules.Upper(input.Currency)!);
        var village = input.Kind == FundKind.Village;
        fund.Name = input.Name!.Trim();
        fund.Slug = input.Slug!.Trim();
        fund.Kind = input.Kind;
        fund.Area = village ? null : input.Area;
        fund.CountryCode = string.IsNullOrWhiteSpace(input.CountryCode) ? null : FundRules.Upper(input.CountryCode);
        fund.Place = string.IsNullOrWhiteSpace(input.Place) ? null : input.Place.Trim();
        fund.Summary = input.Summary!.Trim();
        fund.Story = input.Story!.Trim();
        fund.Currency = currency.Code;
        fund.GoalMinor = Money.TryParseMajor(input.Goal, currency, out var goal) ? goal.Minor : null;
        fund.GoalDeadline = input.GoalDeadline;
        (fund.Featured, fund.FeaturedOrder, fund.Status, fund.Intervals) = (input.Featured, input.FeaturedOrder, input.Status, input.Intervals);
    }

    private List<string> ChangedFields(Fund fund)
    {
        var entry = db.Entry(fund);
        if (entry.State == EntityState.Added)
        {
            return ["everything"];
        }

        db.ChangeTracker.DetectChanges();
        return entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
    }

    private void ApplyTranslations(Guid fundId, List<FundTranslation> saved, IReadOnlyList<FundTranslationInput> given, List<string> changed)
    {
        foreach (var input in given.DistinctBy(t => t.Language))
        {
            var (name, summary, story) = (Clean(input.Name), Clean(input.Summary), Clean(input.Story));
            var row = saved.SingleOrDefault(t => t.Language == input.Language);
            if (row is null && name is null && summary is null && story is null)
            {
                continue;
            }

            if (row is null)
            {
                row = new FundTranslation { FundId = fundId, Language = input.Language };
                db.FundTranslations.Add(row);
            }
            else if ((row.Name, row.Summary, row.Story) == (name, summary, story))
            {
                continue;
            }

            (row.Name, row.Summary, row.Story) = (name, summary, story);
            changed.Add($"translation ({input.Language})");
        }
    }

    private async Task MoveAddressAsync(Fund fund, string? before, DateTime now, CancellationToken cancellationToken)
    {
        if (before is null || before == fund.Slug)
        {
            return;
        }

        // Renaming back to an earlier address takes it out of the redirects; the one just left becomes one.
        db.FundSlugRedirects.RemoveRange(
            await db.FundSlugRedirects.Where(r => r.OldSlug == fund.Slug && r.FundId == fund.Id).ToListAsync(cancellationToken));
        db.FundSlugRedirects.Add(new FundSlugRedirect { OldSlug = before, FundId = fund.Id, CreatedAt = now });
    }

    private static bool TextsDiffer(Fund fund, List<FundTranslation> saved, FundInput input) =>
        fund.Name != input.Name?.Trim() || fund.Summary != input.Summary?.Trim() || fund.Story != input.Story?.Trim()
        || input.Translations.Any(t => saved.SingleOrDefault(s => s.Language == t.Language) is var row
            && (row?.Name, row?.Summary, row?.Story) != (Clean(t.Name), Clean(t.Summary), Clean(t.Story)));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

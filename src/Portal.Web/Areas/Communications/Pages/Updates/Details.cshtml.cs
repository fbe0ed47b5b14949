using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Communications;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Exports.Tables;
using Portal.Core.Hosting;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Communications.Pages.Updates;

/// <summary>
/// One update: its previews (web page, e-mail at desktop and phone widths), the audience it reaches, a test send to
/// the author, send now or at a time; while it sends a live progress bar, afterwards the report and its CSV.
/// </summary>
public sealed class DetailsModel(
    PortalDbContext db,
    UpdateDesk desk,
    UpdateStencils stencils,
    UnsubscribeLinks links,
    IBackgroundWork work,
    UserManager<IdentityUser> users,
    CharityCalendar calendar,
    IStringLocalizer<StaffText> text) : PageModel
{
    private const int FailuresShown = 200;

    [TempData]
    public string? StatusMessage { get; set; }

    public ImpactUpdate Update { get; private set; } = default!;

    public string? FundName { get; private set; }

    public int AudienceNow { get; private set; }

    public UpdateProgress? Progress { get; private set; }

    public RenderedMarkdown Web { get; private set; } = default!;

    public string EmailPreview { get; private set; } = "";

    public List<UpdateDelivery> Problems { get; private set; } = [];

    public string? Error { get; private set; }

    public string TimeZoneId => calendar.ZoneId;

    /// <summary>Queued, preparing, sending or sent; null when no send is under way.</summary>
    public ProgressState? State => UpdateProgress.State(Update, calendar.UtcNow);

    /// <summary>Queued, preparing or sending: the progress bar polls.</summary>
    public bool Running => State?.IsLive() == true;

    public DateTime? ScheduledLocal => Update.ScheduledFor is { } at ? calendar.ToLocal(at) : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken cancellationToken)
    {
        var update = await db.ImpactUpdates.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (update is null)
        {
            return NotFound();
        }

        var progress = await UpdateProgress.ReadAsync(db, id, cancellationToken);
        var state = UpdateProgress.State(update, calendar.UtcNow);
        // Until the audience is counted there is no number of recipients to show: null, never 0 of 0 as if done.
        var counted = state is ProgressState.Running or ProgressState.Done;
        return new JsonResult(new
        {
            state = state?.Name(),
            stateText = UpdateProgress.StateText(state),
            percent = state?.Percent(progress.Done, progress.Recipients),
            status = update.Status.ToString(),
            due = counted ? progress.Recipients : (int?)null,
            done = progress.Done,
            queued = progress.Queued + progress.Sending,
            sent = progress.Sent,
            failed = progress.Failed,
            uncertain = progress.Uncertain,
            skipped = progress.Skipped,
        });
    }

    public async Task<IActionResult> OnPostTestAsync(Guid id, CancellationToken cancellationToken)
    {
        var update = await db.ImpactUpdates.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (update is null)
        {
            return NotFound();
        }

        var (_, email) = await users.ActorAsync(User);
        var result = await desk.SendTestAsync(update, email, email, update.Language, cancellationToken);
        StatusMessage = result is MailSendResult.SentResult
            ? text["A test was sent to {0}.", email]
            : text["The test could not be sent to {0}: {1}", email, result];
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostSendAsync(Guid id, int version, int? confirm, CancellationToken cancellationToken) =>
        ScheduleAsync(id, version, calendar.UtcNow, confirm, cancellationToken);

    public Task<IActionResult> OnPostScheduleAsync(Guid id, int version, DateTime? at, int? confirm, CancellationToken cancellationToken) =>
        at is { } local
            ? ScheduleAsync(id, version, calendar.ToUtc(local), confirm, cancellationToken)
            : FailAsync(id, text["Choose the date and time to send it."], cancellationToken);

    public async Task<IActionResult> OnPostCancelAsync(Guid id, int version, CancellationToken cancellationToken)
    {
        var (actorId, actor) = await users.ActorAsync(User);
        var error = await desk.CancelAsync(id, version, actorId, actor, cancellationToken);
        if (error is not null)
        {
            return await FailAsync(id, error, cancellationToken);
        }

        StatusMessage = text["The scheduled send was called off; the update is a draft again."];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResendUncertainAsync(Guid id, CancellationToken cancellationToken)
    {
        var (actorId, actor) = await users.ActorAsync(User);
        var queued = await desk.ResendUncertainAsync(id, actorId, actor, cancellationToken);
        if (queued > 0)
        {
            work.SendImpactUpdates();
        }

        StatusMessage = queued > 0 ? text["{0} deliveries in doubt are being sent again.", queued] : text["No delivery is in doubt."];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnGetCsvAsync(Guid id, [FromServices] UpdateDeliveriesExport deliveries, CancellationToken cancellationToken)
    {
        var update = await db.ImpactUpdates.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return update is null ? NotFound() : new ExportFileResult(deliveries.Table(update), ExportFormat.Csv);
    }

    private async Task<IActionResult> ScheduleAsync(Guid id, int version, DateTime at, int? confirm, CancellationToken cancellationToken)
    {
        var (actorId, actor) = await users.ActorAsync(User);
        var error = await desk.ScheduleAsync(id, version, at, confirm ?? -1, actorId, actor, cancellationToken);
        if (error is not null)
        {
            return await FailAsync(id, error, cancellationToken);
        }

        var now = at <= calendar.UtcNow.AddSeconds(5);
        if (now)
        {
            work.SendImpactUpdates();
        }

        StatusMessage = now
            ? text["The send is queued; the bar below follows it until every message has gone."]
            : text["Scheduled for {0} ({1}).", calendar.ToLocal(at).ToString("dd MMM yyyy HH:mm", CultureInfo.InvariantCulture), calendar.ZoneId];
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> FailAsync(Guid id, string error, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var update = await db.ImpactUpdates.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (update is null)
        {
            return false;
        }

        Update = update;
        FundName = update.FundId is { } fundId
            ? await db.Funds.Where(f => f.Id == fundId).Select(f => f.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        Web = UpdateMarkdown.Render(update.BodyMarkdown);
        if (update.ExpandedAt is null)
        {
            AudienceNow = await UpdateAudience.CountAsync(db, update, calendar.UtcNow, cancellationToken);
        }
        else
        {
            Progress = await UpdateProgress.ReadAsync(db, id, cancellationToken);
            Problems = await db.UpdateDeliveries.AsNoTracking()
                .Where(d => d.UpdateId == id && (d.Status == DeliveryStatus.Failed || d.Status == DeliveryStatus.Uncertain
                    || (d.Status == DeliveryStatus.Queued && d.Attempts > 0)))
                .OrderBy(d => d.ToAddress).Take(FailuresShown).ToListAsync(cancellationToken);
        }

        var (_, email) = await users.ActorAsync(User);
        links.EnsureKeys();
        var stencil = await stencils.RenderAsync(update, update.Language, update.FundId, cancellationToken);
        var token = links.Token(Guid.Empty, update.Topic);
        EmailPreview = stencil.For(
            email,
            UpdateStencils.GivenLine(UpdateEmailText.For(update.Language), 12_000, "EUR", FundName),
            links.UnsubscribeUrl(token),
            links.PreferencesUrl(token)).Html;
        return true;
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Exports.Tables;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships.Runs;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Finance.Pages.Runs;

/// <summary>
/// The charge runs: the latest one live (a progress bar fed by <see cref="OnGetProgressAsync"/>), the history of runs
/// as a chart and a table, a CSV of it, and a button to start a run now.
/// </summary>
public sealed class IndexModel(
    PortalDbContext db,
    IBackgroundWork work,
    UserManager<IdentityUser> users,
    AuditLog audit,
    CharityCalendar calendar,
    IStringLocalizer<FinanceText> text) : PageModel
{
    private const int HistorySize = 50;

    [TempData]
    public string? StatusMessage { get; set; }

    public List<ChargeRun> Runs { get; private set; } = [];

    public int DueNow { get; private set; }

    /// <summary>The workers that took part in the latest run, first the one that started it.</summary>
    public List<ChargeRunPart> LatestParts { get; private set; } = [];

    /// <summary>How many workers took part in each run shown.</summary>
    public Dictionary<long, int> Workers { get; private set; } = [];

    /// <summary>A run asked for by hand that no worker has started yet: the live panel shows it, queued.</summary>
    public ChargeRunRequest? Queued { get; private set; }

    public string QueuedText => text["Queued, waiting for a worker to start it"];

    public string Title(ChargeRun run) => text["Run {0}", run.Id];

    public string Title(ChargeRunRequest asked) =>
        text["Run asked for at {0} UTC by {1}", asked.AskedAt.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), asked.AskedBy];

    /// <summary>
    /// A count that exists only once the run has claimed what is due (its due periods, those remaining): null while it
    /// is preparing, shown as "–", never as 0 as if there were nothing to do.
    /// </summary>
    public static int? Counted(ChargeRun run, int count) => run.State == ProgressState.Preparing ? null : count;

    public string StateText(ChargeRun run) => run.State == ProgressState.Preparing ? text["Preparing…"] : run.Status.ToString();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Queued = await ChargeRunRequests.QueuedAsync(db, calendar.UtcNow, cancellationToken);
        Runs = await db.ChargeRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(HistorySize).ToListAsync(cancellationToken);
        DueNow = await ChargeRunner.DueQuery(db, calendar.Today).CountAsync(cancellationToken);
        var ids = Runs.Select(r => r.Id).ToList();
        Workers = await db.ChargeRunParts.AsNoTracking().Where(p => ids.Contains(p.RunId)).GroupBy(p => p.RunId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        if (Runs.Count > 0)
        {
            LatestParts = await db.ChargeRunParts.AsNoTracking().Where(p => p.RunId == Runs[0].Id).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The latest run's state and counters (or run <paramref name="id"/>'s), polled by the page while it is queued,
    /// preparing or running. Without an id, a run asked for and not yet started is the latest: queued.
    /// </summary>
    public async Task<IActionResult> OnGetProgressAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is null && await ChargeRunRequests.QueuedAsync(db, calendar.UtcNow, cancellationToken) is { } queued)
        {
            return new JsonResult(new
            {
                State = ProgressState.Queued.Name(),
                StateText = QueuedText,
                Title = Title(queued),
                Status = "Queued",
                Percent = (int?)null,
            });
        }

        var run = await db.ChargeRuns.AsNoTracking().Where(r => id == null || r.Id == id).OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return NotFound();
        }

        var workers = await db.ChargeRunParts.CountAsync(p => p.RunId == run.Id, cancellationToken);
        return new JsonResult(new
        {
            run.Id,
            State = run.State.Name(),
            StateText = StateText(run),
            Title = Title(run),
            Percent = run.State.Percent(run.Done, run.Due),
            Status = run.Status.ToString(),
            Due = Counted(run, run.Due),
            run.Succeeded,
            run.Processing,
            run.Failed,
            run.ActionRequired,
            run.Unresolved,
            Remaining = Counted(run, run.Remaining),
            run.Done,
            Workers = workers,
        });
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        var actor = await users.ActorAsync(User);
        var who = actor.Name;
        audit.Record(
            actor.Id,
            who,
            ChargeRunRequests.AuditAction,
            details: "Started a charge run by hand",
            ipAddress: HttpContext.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync(cancellationToken);
        work.ChargeDueSponsorships(who);
        StatusMessage = text["A charge run was asked for. It is queued until a worker starts it; the bar below follows it."];
        return RedirectToPage();
    }

    public IActionResult OnGetCsv([FromServices] ChargeRunsExport export) => new ExportFileResult(export.Table(), ExportFormat.Csv);
}

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Exports.Tables;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships.Runs;
using Portal.Web.Hosting;

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
    CharityCalendar calendar) : PageModel
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

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
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

    /// <summary>The latest run's counters, polled by the page while it runs.</summary>
    public async Task<IActionResult> OnGetProgressAsync(long? id, CancellationToken cancellationToken)
    {
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
            Status = run.Status.ToString(),
            run.Due,
            run.Succeeded,
            run.Processing,
            run.Failed,
            run.ActionRequired,
            run.Unresolved,
            run.Remaining,
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
            "charges.run-started",
            details: "Started a charge run by hand",
            ipAddress: HttpContext.Connection.RemoteIpAddress?.ToString());
        await db.SaveChangesAsync(cancellationToken);
        work.ChargeDueSponsorships(who);
        StatusMessage = "A charge run was started. It appears below within a few seconds.";
        return RedirectToPage();
    }

    public IActionResult OnGetCsv([FromServices] ChargeRunsExport export) => new ExportFileResult(export.Table(), ExportFormat.Csv);
}

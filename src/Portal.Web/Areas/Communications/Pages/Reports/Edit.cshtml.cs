using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Transparency;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Communications.Pages.Reports;

/// <summary>
/// /communications/reports/{id}: a report's figures; a draft's outcomes and stories to edit, with warnings about
/// anything that could identify a child; and publishing, which needs the editor's confirmation that they checked.
/// </summary>
public sealed class EditModel(
    PortalDbContext db,
    EditTransparencyReport edit,
    PublishTransparencyReport publish,
    UserManager<IdentityUser> users,
    IStringLocalizer<StaffText> text) : PageModel
{
    private const int BlankRows = 3;

    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The box "I checked: no names, exact places or faces of children".</summary>
    [BindProperty]
    public bool ConfirmNoChildData { get; set; }

    public TransparencyReport Report { get; private set; } = null!;

    public Fund Fund { get; private set; } = null!;

    public ReportFigures Figures { get; private set; } = null!;

    public IReadOnlyList<ChildDataWarning> Warnings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = InputModel.From(Report);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken cancellationToken)
    {
        var rows = Input.Outcomes.Where(o => !string.IsNullOrWhiteSpace(o.Label) || o.Value is not null).ToList();
        foreach (var (row, index) in rows.Select((row, index) => (row, index))
            .Where(r => string.IsNullOrWhiteSpace(r.row.Label) || r.row.Value is null))
        {
            ModelState.AddModelError($"Input.Outcomes[{index}]", text["Outcome {0} needs both a label and a number.", index + 1]);
        }

        if (ModelState.IsValid)
        {
            var (actorId, actorName) = await users.ActorAsync(User);
            var outcomes = rows.Select(o => new ReportOutcome(o.Label!, o.Value!.Value)).ToList();
            if (await edit.SaveAsync(id, outcomes, Input.Stories, actorId, actorName, cancellationToken) is not { } problem)
            {
                StatusMessage = text["Saved. Read the warnings below, if any, before publishing."];
                return RedirectToPage(new { id });
            }

            ModelState.AddModelError("", problem);
        }

        return await RedisplayAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken cancellationToken)
    {
        var (actorId, actorName) = await users.ActorAsync(User);
        if (await publish.PublishAsync(id, ConfirmNoChildData, actorId, actorName, cancellationToken) is not { } problem)
        {
            StatusMessage = text["Published. The summary is scheduled to the fund's sponsors."];
            return RedirectToPage(new { id });
        }

        ModelState.AddModelError("", problem);
        var shown = await RedisplayAsync(id, cancellationToken);
        if (shown is PageResult)
        {
            // The publish form posts no outcomes: show the saved ones.
            Input = InputModel.From(Report);
        }

        return shown;
    }

    private async Task<IActionResult> RedisplayAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var report = await db.TransparencyReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        var fund = report is null ? null : await db.Funds.AsNoTracking().SingleAsync(f => f.Id == report.FundId, cancellationToken);
        if (report is null || fund is null)
        {
            return false;
        }

        (Report, Fund, Figures) = (report, fund, ReportFigures.FromJson(report.FiguresJson));
        Warnings = ChildDataScan.Scan(ReportOutcome.ListFromJson(report.OutcomesJson), report.Stories);
        return true;
    }

    public sealed class InputModel
    {
        public List<OutcomeInput> Outcomes { get; set; } = [];

        [StringLength(EditTransparencyReport.MaxStoriesLength)]
        public string? Stories { get; set; }

        /// <summary>The saved outcomes and stories, with a few blank rows to add outcomes in.</summary>
        public static InputModel From(TransparencyReport report) => new()
        {
            Outcomes =
            [
                .. ReportOutcome.ListFromJson(report.OutcomesJson).Select(o => new OutcomeInput { Label = o.Label, Value = o.Value }),
                .. Enumerable.Range(0, BlankRows).Select(_ => new OutcomeInput()),
            ],
            Stories = report.Stories,
        };
    }

    public sealed class OutcomeInput
    {
        [StringLength(ReportOutcome.MaxLabelLength)]
        public string? Label { get; set; }

        public decimal? Value { get; set; }
    }
}

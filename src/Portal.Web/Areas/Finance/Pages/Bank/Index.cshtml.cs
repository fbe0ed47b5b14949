using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Exports.Tables;
using Portal.Core.Reconciliation;
using Portal.Core.Reconciliation.Bank;
using Portal.Core.Shared;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Finance.Pages.Bank;

/// <summary>/finance/bank: import a bank statement (all lines or none, every problem named), see which payouts reached
/// the bank, and settle what matching left: match a line to a payout or ignore it with a reason; the lines as CSV.</summary>
[RequestSizeLimit(BankStatementImport.MaxBytes + 64 * 1024)]
public sealed class IndexModel(
    PortalDbContext db,
    BankStatementImport import,
    MatchPayoutsToBank matcher,
    BankLineActions actions,
    UserManager<IdentityUser> users,
    IStringLocalizer<FinanceText> text) : PageModel
{
    private const int ListSize = 500;

    /// <summary><c>unmatched</c>, <c>matched</c>, <c>ignored</c>, or all lines.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<BankProblem> Problems { get; private set; } = [];

    public bool ImportFailed { get; private set; }

    public BankPageData Data { get; private set; } = BankPageData.Empty;

    public async Task OnGetAsync(CancellationToken cancellationToken)
        => Data = await BankPageData.LoadAsync(db, Filter(), ListSize, cancellationToken);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, string? format, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Problems = [new BankProblem(0, null, "file", text["Choose a statement file (CSV or CAMT.053 XML) to import."])];
        }
        else if (file.Length > BankStatementImport.MaxBytes)
        {
            Problems = [new BankProblem(
                0,
                null,
                "file",
                text["The file is larger than {0} MB; export a shorter period.", BankStatementImport.MaxBytes / 1024 / 1024])];
        }
        else
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, cancellationToken);
            var (id, name) = await users.ActorAsync(User);
            var chosen = format switch { "csv" => BankFileFormat.Csv, "camt053" => BankFileFormat.Camt053, _ => (BankFileFormat?)null };
            var result = await import.ImportAsync(file.FileName, content.ToArray(), chosen, id, name, cancellationToken);
            if (result.Succeeded)
            {
                var matching = result.Matching!;
                var imported = text["{0} bank lines were imported ({1} already imported were skipped).", result.Imported, result.Skipped];
                StatusMessage = $"{imported} {Matched(matching)}";
                return RedirectToPage();
            }

            Problems = result.Problems;
        }

        ImportFailed = true;
        Data = await BankPageData.LoadAsync(db, Filter(), ListSize, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostMatchAsync(long lineId, long? payoutId, CancellationToken cancellationToken)
    {
        var (id, name) = await users.ActorAsync(User);
        var result = await actions.MatchAsync(lineId, payoutId ?? 0, id, name, cancellationToken);
        return Outcome(result, text["The bank line was matched to the payout."]);
    }

    public async Task<IActionResult> OnPostIgnoreAsync(long lineId, string? reason, CancellationToken cancellationToken)
    {
        var (id, name) = await users.ActorAsync(User);
        var result = await actions.IgnoreAsync(lineId, reason, id, name, cancellationToken);
        return Outcome(result, text["The bank line is ignored; the reason is on record."]);
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken)
    {
        var (id, name) = await users.ActorAsync(User);
        var report = await matcher.RunAsync(id, name, cancellationToken);
        StatusMessage = Matched(report);
        return RedirectToPage();
    }

    /// <summary>The lines of the filter, all of them, with their match.</summary>
    public IActionResult OnGetCsv([FromServices] BankLinesExport export) => new ExportFileResult(export.Table(Filter()), ExportFormat.Csv);

    private IActionResult Outcome(BankLineActionResult result, string done)
    {
        if (!result.Found)
        {
            return NotFound();
        }

        StatusMessage = result.Error ?? done;
        return RedirectToPage(new { Show });
    }

    private string Matched(BankMatchReport report) =>
        text["{0} payouts matched; {1} bank lines and {2} payouts newly flagged.", report.Matched, report.UnmatchedFlagged, report.NotArrivedFlagged];

    private BankLineStatus? Filter() => Show switch
    {
        "unmatched" => BankLineStatus.Unmatched,
        "matched" => BankLineStatus.Matched,
        "ignored" => BankLineStatus.Ignored,
        _ => null,
    };
}

using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Exports.Tables;
using Portal.Core.Funds;
using Portal.Core.Shared;
using Portal.Core.Spending;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Finance.Pages.Spending;

/// <summary>How funds spent their money: a form for one line, a CSV import from the accounting system (all or nothing,
/// with a row-by-row report), the records per fund and period as a table and a chart, and an export in the import's layout.</summary>
[RequestSizeLimit(MaxUpload + 64 * 1024)]
public sealed class IndexModel(PortalDbContext db, SpendingBook book, UserManager<IdentityUser> users, IStringLocalizer<FinanceText> text) : PageModel
{
    public const int MaxUpload = 5 * 1024 * 1024;
    private const int ListSize = 500;

    [BindProperty(SupportsGet = true)]
    public string? Fund { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty]
    public SpendingForm Line { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<SpendingProblem> Problems { get; private set; } = [];

    public bool ImportFailed { get; private set; }

    public List<Fund> Funds { get; private set; } = [];

    public List<(SpendingRecord Record, string FundName)> Records { get; private set; } = [];

    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var (id, name) = await users.ActorAsync(User);
        Problems = await book.AddAsync(
            new SpendingInput(Line.Fund, Line.Category, Line.Date, Line.Amount, Line.Currency, Line.Description, Line.Reference),
            id,
            name,
            cancellationToken);
        if (Problems.Count == 0)
        {
            StatusMessage = text["The spending line was recorded."];
            return RedirectToPage();
        }

        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0 || file.Length > MaxUpload)
        {
            Problems = [new SpendingProblem(
                0,
                "file",
                file is null || file.Length == 0
                    ? text["Choose a CSV file to import."]
                    : text["The file is larger than {0} MB; split it.", MaxUpload / 1024 / 1024])];
        }
        else
        {
            var (id, name) = await users.ActorAsync(User);
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var result = await book.ImportAsync(reader, id, name, cancellationToken);
            if (result.Succeeded)
            {
                StatusMessage = text["{0} spending lines were imported.", result.Imported];
                return RedirectToPage();
            }

            Problems = result.Problems;
        }

        ImportFailed = true;
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The filtered records in the import's own column layout, so an export can be corrected and imported elsewhere.</summary>
    public IActionResult OnGetCsv([FromServices] SpendingExport export) => new ExportFileResult(export.Table(Filter()), ExportFormat.Csv);

    private SpendingFilter Filter() => new(Fund, From, To);

    private IQueryable<SpendingRecord> Query() => SpendingExport.Query(db, Filter());

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Funds = await db.Funds.AsNoTracking().OrderBy(f => f.Kind).ThenBy(f => f.Name).ToListAsync(cancellationToken);
        var names = Funds.ToDictionary(f => f.Id, f => f.Name);
        Total = await Query().CountAsync(cancellationToken);
        Records = [.. (await Query().Take(ListSize).ToListAsync(cancellationToken)).Select(r => (r, names[r.FundId]))];
    }
}

public sealed class SpendingForm
{
    public string? Fund { get; set; }

    public string? Category { get; set; }

    public string? Date { get; set; }

    public string? Amount { get; set; }

    public string? Currency { get; set; } = "EUR";

    public string? Description { get; set; }

    public string? Reference { get; set; }
}

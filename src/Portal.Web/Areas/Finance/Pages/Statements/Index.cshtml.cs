using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Shared;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Finance.Pages.Statements;

/// <summary>A fund's statement for a period (this month by default), as a table and as CSV.</summary>
public sealed class IndexModel(PortalDbContext db, FundStatements statements, CharityCalendar calendar, IOptions<PortalOptions> options,
    IStringLocalizer<FinanceText> text) : PageModel
{
    public Currency Reporting { get; } = options.Value.FindReportingCurrency();

    [BindProperty(SupportsGet = true)]
    public string? Fund { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public List<Fund> Funds { get; private set; } = [];

    public IReadOnlyList<FundStatement> Statement { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Problem is null ? Page() : BadRequestPage();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Problem is not null)
        {
            return BadRequest(Problem);
        }

        var fund = Funds.Single(f => f.Slug == Fund);
        var table = new ExportTable(
            $"statement{new ExportFilter(From, To, fund.Id, fund.Code).FileSuffix()}",
            StatementsExport.Columns,
            Statement.Select(StatementsExport.Row).ToAsyncEnumerable());
        return new ExportFileResult(table, ExportFormat.Csv);
    }

    private PageResult BadRequestPage()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Funds = await db.Funds.AsNoTracking().OrderBy(f => f.Kind).ThenBy(f => f.Name).ToListAsync(cancellationToken);
        var today = calendar.Today;
        From ??= new DateOnly(today.Year, today.Month, 1);
        To ??= From.Value.AddMonths(1).AddDays(-1);
        Fund ??= Funds.FirstOrDefault()?.Slug;
        var fund = Funds.FirstOrDefault(f => f.Slug == Fund);
        if (fund is null)
        {
            Problem = text["No fund '{0}'.", Fund ?? ""];
        }
        else if (To < From)
        {
            Problem = text["The end of the period is before its start."];
        }
        else if (To.Value.DayNumber - From.Value.DayNumber > 3660)
        {
            Problem = text["A statement covers at most ten years."];
        }
        else
        {
            Statement = await statements.ForAsync(fund, From.Value, To.Value, cancellationToken);
        }
    }
}

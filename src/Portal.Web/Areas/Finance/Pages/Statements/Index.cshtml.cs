using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Spending;
using Portal.Web.Hosting;

namespace Portal.Web.Areas.Finance.Pages.Statements;

/// <summary>A fund's statement for a period (this month by default), as a table and as CSV.</summary>
public sealed class IndexModel(PortalDbContext db, FundStatements statements, CharityCalendar calendar) : PageModel
{
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

        var csv = new StringBuilder("fund,from,to,currency,opening,gifts,returned,fees,net,spent,");
        csv.Append(string.Join(',', SpendingCategories.All.Select(c => "spent_" + c.Code))).Append(",closing,donors\r\n");
        foreach (var s in Statement)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{s.Fund.Code},{s.From:yyyy-MM-dd},{s.To:yyyy-MM-dd},{s.Currency.Code},{s.Opening.ToPlainString()},{s.Gifts.ToPlainString()},");
            csv.Append(CultureInfo.InvariantCulture, $"{s.Returned.ToPlainString()},{s.Fees.ToPlainString()},{s.Net.ToPlainString()},{s.Spent.ToPlainString()},");
            csv.Append(string.Join(',', s.SpendingByCategory.Select(c => c.Amount.ToPlainString())));
            csv.Append(CultureInfo.InvariantCulture, $",{s.Closing.ToPlainString()},{s.Donors}\r\n");
        }

        return File(Csv.Bytes(csv), "text/csv", $"statement-{Fund}-{From:yyyy-MM-dd}-{To:yyyy-MM-dd}.csv");
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
            Problem = $"No fund '{Fund}'.";
        }
        else if (To < From)
        {
            Problem = "The end of the period is before its start.";
        }
        else if (To.Value.DayNumber - From.Value.DayNumber > 3660)
        {
            Problem = "A statement covers at most ten years.";
        }
        else
        {
            Statement = await statements.ForAsync(fund, From.Value, To.Value, cancellationToken);
        }
    }
}

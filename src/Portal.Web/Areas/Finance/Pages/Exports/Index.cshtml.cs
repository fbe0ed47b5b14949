using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Finance.Pages.Exports;

/// <summary>
/// /finance/exports: the journal, charges, payouts or fund statements as CSV or XLSX, for a period and a fund. The form
/// is a GET, so a download is a link that can be bookmarked; a bad field answers 400 with the form and every problem.
/// </summary>
public sealed class IndexModel(PortalDbContext db, Portal.Core.Exports.Exports exports, CharityCalendar calendar, IStringLocalizer<FinanceText> text)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Data { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Format { get; set; }

    // Dates are read as text so that a wrong one gets our message, not the binder's.
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Fund { get; set; }

    public List<Fund> Funds { get; private set; } = [];

    public List<string> Problems { get; } = [];

    /// <summary>The form, with this month (the charity's calendar) as the period, which can be cleared for no limit.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadFundsAsync(cancellationToken);
        if (From is null && To is null)
        {
            var month = new ExportFilter(null, null).WithStatementPeriod(ExportKind.Statements, calendar.Today);
            (From, To) = (Text(month.From), Text(month.To));
        }
    }

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        await LoadFundsAsync(cancellationToken);
        var kind = Enum.TryParse<ExportKind>(Data, ignoreCase: true, out var k) && Enum.IsDefined(k)
            ? k
            : Problem<ExportKind>(text["Choose what to export: journal, charges, payouts or statements."]);
        var format = Enum.TryParse<ExportFormat>(Format, ignoreCase: true, out var f) && Enum.IsDefined(f)
            ? f
            : Problem<ExportFormat>(text["Choose CSV or XLSX."]);
        var from = Date(From, text["From"]);
        var to = Date(To, text["To"]);
        var fund = string.IsNullOrWhiteSpace(Fund)
            ? null
            : Funds.FirstOrDefault(x => x.Slug == Fund) ?? Problem<Fund?>(text["There is no fund '{0}'.", Fund ?? ""]);
        var filter = new ExportFilter(from, to, fund?.Id, fund?.Code).WithStatementPeriod(kind, calendar.Today);
        if (Problems.Count == 0 && filter.Problem(kind) is { } problem)
        {
            Problems.Add(problem);
        }

        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return new ExportFileResult(exports.Table(kind, filter), format);
    }

    private async Task LoadFundsAsync(CancellationToken cancellationToken) =>
        Funds = await db.Funds.AsNoTracking().OrderBy(f => f.Kind).ThenBy(f => f.Name).ToListAsync(cancellationToken);

    private static string? Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private DateOnly? Date(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : Problem<DateOnly?>(text["{0}: '{1}' is not a date; write it as YYYY-MM-DD.", field, value]);
    }

    private T Problem<T>(string message)
    {
        Problems.Add(message);
        return default!;
    }
}

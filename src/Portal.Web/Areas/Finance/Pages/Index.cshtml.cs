using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Ledger.Totals;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Finance.Pages;

/// <summary>
/// /finance: each fund's figures since the books began (<see cref="FundFigures"/>, from the ledger's totals), its months,
/// and the journal a hundred entries at a time, paged by key (date, entry) so that any page costs the same.
/// </summary>
public sealed class IndexModel(
    PortalDbContext db,
    FundFiguresReader figures,
    MonthlyFundFigures monthly,
    JournalExport journalExport,
    CharityCalendar calendar,
    IStringLocalizer<FinanceText> text) : PageModel
{
    private const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? Fund { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Show entries older than this key ("2026-03-10.1234"): the next page.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    /// <summary>Show entries newer than this key: the previous page.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public IReadOnlyList<(Fund Fund, FundFigures Figures)> Balances { get; private set; } = [];

    /// <summary>Each fund's income, spending and fees per month, the last twelve months.</summary>
    public IReadOnlyList<FundMonth> Months { get; private set; } = [];

    public IReadOnlyList<DateOnly> MonthStarts { get; private set; } = [];

    public List<Fund> Funds { get; private set; } = [];

    public List<JournalRow> Journal { get; private set; } = [];

    /// <summary>The key of the oldest entry shown, when older ones exist.</summary>
    public string? OlderKey { get; private set; }

    /// <summary>The key of the newest entry shown, when newer ones exist.</summary>
    public string? NewerKey { get; private set; }

    public LedgerTotalsState? TotalsState { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!JournalKey.TryParse(Before, out var before) || !JournalKey.TryParse(After, out var after))
        {
            return BadRequest(text["A journal page key is written as date.entry, for example 2026-03-10.1234."].Value);
        }

        Funds = await db.Funds.AsNoTracking().OrderBy(f => f.Kind).ThenBy(f => f.Name).ToListAsync(cancellationToken);
        var byId = Funds.ToDictionary(f => f.Id);
        Balances = (await figures.SinceTheBeginningAsync(null, cancellationToken))
            .Select(f => (byId[f.FundId], f)).OrderBy(b => b.Item1.Kind).ThenBy(b => b.Item1.Name, StringComparer
                .Ordinal).ThenBy(b => b.f.Currency.Code, StringComparer.Ordinal).ToList();
        TotalsState = await db.LedgerTotalsStates.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        await LoadMonthsAsync(cancellationToken);
        var page = await JournalQuery.PageAsync(db, FundId(), From, To, before, after, PageSize, cancellationToken);
        Journal = page.Rows;
        (OlderKey, NewerKey) = (page.Older?.ToString(), page.Newer?.ToString());
        return Page();
    }

    /// <summary>The journal of the filter as CSV: the journal export itself (streamed, its columns in docs/exports.md).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        Funds = await db.Funds.AsNoTracking().ToListAsync(cancellationToken);
        var fund = Funds.FirstOrDefault(f => f.Slug == Fund);
        if (!string.IsNullOrEmpty(Fund) && fund is null)
        {
            return BadRequest(text["There is no fund '{0}'.", Fund ?? ""].Value);
        }

        return new ExportFileResult(journalExport.Table(new ExportFilter(From, To, fund?.Id, fund?.Code)), ExportFormat.Csv);
    }

    /// <summary>The dashboard's monthly figures as CSV (the same rows as its table).</summary>
    public async Task<IActionResult> OnGetMonthlyCsvAsync(CancellationToken cancellationToken)
    {
        await LoadMonthsAsync(cancellationToken);
        string[] columns = ["fund_code", "fund_name", "month", "currency", "income", "spending", "fees"];
        var rows = Months.Select(m => new[] {
            Cell.Of(m.FundCode),
            Cell.Of(m.FundName),
            Cell.Of(m.Month),
            Cell.Of(m.Income.Currency.Code),
            Cell.Of(m.Income),
            Cell.Of(m.Spending),
            Cell.Of(m.Fees) });
        return new ExportFileResult(new ExportTable("funds-by-month", columns, rows.ToAsyncEnumerable()), ExportFormat.Csv);
    }

    public string PageLink(string key, string value) =>
        $"/finance?fund={Uri.EscapeDataString(Fund ?? "")}"
            + $"&from={From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            + $"&to={To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&{key}={value}#journal";

    private async Task LoadMonthsAsync(CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        Months = await monthly.LastMonthsAsync(today, 12, cancellationToken);
        MonthStarts = Enumerable.Range(0, 12).Select(i => new DateOnly(today.Year, today.Month, 1).AddMonths(i - 11)).ToList();
    }

    // An unknown fund shows no entries rather than all of them.
    private Guid? FundId() => string.IsNullOrEmpty(Fund) ? null : Funds.FirstOrDefault(f => f.Slug == Fund)?.Id ?? Guid.Empty;
}

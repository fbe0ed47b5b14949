using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Core.Shared;
using Portal.Web.Hosting;

namespace Portal.Web.Areas.Finance.Pages;

/// <summary>/finance: each fund's balance (gross, fees, net) and the journal, with a CSV export of what is shown.</summary>
public sealed class IndexModel(PortalDbContext db, FundBalances balances, MonthlyFundFigures monthly, CharityCalendar calendar) : PageModel
{
    private const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? Fund { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<FundBalance> Balances { get; private set; } = [];

    /// <summary>Each fund's income, spending and fees per month, the last twelve months.</summary>
    public IReadOnlyList<FundMonth> Months { get; private set; } = [];

    public IReadOnlyList<DateOnly> MonthStarts { get; private set; } = [];

    public List<Fund> Funds { get; private set; } = [];

    public List<JournalRow> Journal { get; private set; } = [];

    public bool HasMore { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Balances = await balances.AllAsync(cancellationToken);
        await LoadMonthsAsync(cancellationToken);
        Funds = Balances.Select(b => b.Fund).DistinctBy(f => f.Id).ToList();
        PageNumber = Math.Max(1, PageNumber);
        // Whole entries per page: take the page's entry ids first, then all their lines.
        var entries = JournalQuery.Entries(db, await FundIdAsync(cancellationToken), From, To);
        var entryIds = await entries.OrderByDescending(e => e.Id).Select(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasMore = entryIds.Count > PageSize;
        var shown = entryIds.Take(PageSize).ToList();
        Journal = await JournalQuery.Rows(db, entries.Where(e => shown.Contains(e.Id))).ToListAsync(cancellationToken);
    }

    /// <summary>The journal as CSV for a spreadsheet: one row per line, debit and credit in major units.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("entry,date,description,account,account_name,debit,credit,currency\r\n");
        await foreach (var row in JournalQuery.Rows(db, JournalQuery.Entries(db, await FundIdAsync(cancellationToken), From, To)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var amount = new Money(Math.Abs(row.AmountMinor), Currency.Of(row.Currency)).ToPlainString();
            csv.Append(CultureInfo.InvariantCulture, $"{row.EntryId},{row.Date:yyyy-MM-dd},{Csv.Cell(row.Description)},{Csv.Cell(row.AccountCode)},{Csv.Cell(row.AccountName)},{(row.AmountMinor > 0 ? amount : "")},{(row.AmountMinor < 0 ? amount : "")},{row.Currency}\r\n");
        }

        return File(Csv.Bytes(csv), "text/csv", "journal.csv");
    }

    /// <summary>The dashboard's monthly figures as CSV (the same rows as its table).</summary>
    public async Task<IActionResult> OnGetMonthlyCsvAsync(CancellationToken cancellationToken)
    {
        await LoadMonthsAsync(cancellationToken);
        string[] columns = ["fund_code", "fund_name", "month", "currency", "income", "spending", "fees"];
        var rows = Months.Select(m => new[] { Cell.Of(m.FundCode), Cell.Of(m.FundName), Cell.Of(m.Month), Cell.Of(m.Income.Currency.Code), Cell.Of(m.Income), Cell.Of(m.Spending), Cell.Of(m.Fees) });
        return new ExportFileResult(new ExportTable("funds-by-month", columns, rows.ToAsyncEnumerable()), ExportFormat.Csv);
    }

    private async Task LoadMonthsAsync(CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        Months = await monthly.LastMonthsAsync(today, 12, cancellationToken);
        MonthStarts = Enumerable.Range(0, 12).Select(i => new DateOnly(today.Year, today.Month, 1).AddMonths(i - 11)).ToList();
    }

    private async Task<Guid?> FundIdAsync(CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(Fund) ? null : await db.Funds.Where(f => f.Slug == Fund).Select(f => (Guid?)f.Id).SingleOrDefaultAsync(cancellationToken) ?? Guid.Empty;
}

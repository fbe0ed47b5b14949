using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Donors.Care;

namespace Portal.Web.Areas.Donors.Pages;

/// <summary>
/// /donors/duplicates: likely duplicate donors across the federation, a page of pairs at a time, each linking to the
/// donors' pages where they are merged; a pair of two gateway customers says so. The CSV has every pair.
/// </summary>
public sealed class DuplicatesModel(DuplicatePairs pairs) : PageModel
{
    public DuplicatePage Results { get; private set; } = new([], null);

    public async Task OnGetAsync(string? after, CancellationToken cancellationToken) => Results = await pairs.PageAsync(after, cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) =>
        File(Encoding.UTF8.GetBytes(await pairs.CsvAsync(cancellationToken)), "text/csv; charset=utf-8", "duplicate-donors.csv");
}

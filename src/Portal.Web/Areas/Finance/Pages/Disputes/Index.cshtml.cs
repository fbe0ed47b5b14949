using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Exports.Tables;
using Portal.Web.Hosting;

namespace Portal.Web.Areas.Finance.Pages.Disputes;

/// <summary>/finance/disputes: chargebacks and bank returns, open ones first by their evidence deadline.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public List<DisputeRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await RowsAsync(cancellationToken);

    public IActionResult OnGetCsv([FromServices] DisputesExport export) => new ExportFileResult(export.Table(), ExportFormat.Csv);

    public static string Amount(long minor, string currency)
        => new Portal.Core.Shared.Money(minor, Portal.Core.Shared.Currency.Of(currency)).ToPlainString();

    private Task<List<DisputeRow>> RowsAsync(CancellationToken cancellationToken) => DisputesExport.Query(db).ToListAsync(cancellationToken);
}

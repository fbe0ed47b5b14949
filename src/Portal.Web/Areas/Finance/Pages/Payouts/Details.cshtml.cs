using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Reconciliation;
using Portal.Web.Hosting;

namespace Portal.Web.Areas.Finance.Pages.Payouts;

/// <summary>/finance/payouts/{id}: one payout's lines, what each matched, differences, and its exceptions to resolve.</summary>
public sealed class DetailsModel(PortalDbContext db) : PageModel
{
    public Payout Payout { get; private set; } = null!;

    public List<PayoutLine> Lines { get; private set; } = [];

    public List<ReconciliationException> Exceptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var payout = await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (payout is null)
        {
            return NotFound();
        }

        Payout = payout;
        Lines = await db.PayoutLines.AsNoTracking().Where(l => l.PayoutId == id).OrderBy(l => l.Match).ThenBy(l => l.Id).ToListAsync(cancellationToken);
        Exceptions = await db.ReconciliationExceptions.AsNoTracking().Where(e => e.PayoutId == id).OrderBy(e => e.Status).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(long id, CancellationToken cancellationToken)
    {
        var payout = await db.Payouts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (payout is null)
        {
            return NotFound();
        }

        var csv = new StringBuilder("balance_transaction,type,reporting_category,source,amount,fee,net,currency,exchange_rate,matched,charge_id,refund_id,dispute_id,difference\r\n");
        await foreach (var l in db.PayoutLines.AsNoTracking().Where(l => l.PayoutId == id).OrderBy(l => l.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var currency = Portal.Core.Shared.Currency.Of(l.Currency);
            string M(long? minor) => minor is { } m ? new Portal.Core.Shared.Money(m, currency).ToPlainString() : "";
            csv.Append(CultureInfo.InvariantCulture, $"{l.BalanceTransactionId},{l.Type},{l.ReportingCategory},{Csv.Cell(l.SourceId ?? "")},{M(l.AmountMinor)},{M(l.FeeMinor)},{M(l.NetMinor)},{l.Currency},{l.ExchangeRate?.ToString(CultureInfo.InvariantCulture)},{l.Match},{l.ChargeId},{l.RefundId},{l.DisputeId},{M(l.DifferenceMinor)}\r\n");
        }

        return File(Csv.Bytes(csv), "text/csv", $"payout-{payout.GatewayPayoutId}.csv");
    }
}

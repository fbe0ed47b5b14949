using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Disputes;
using Portal.Web.Hosting;

namespace Portal.Web.Areas.Finance.Pages.Disputes;

/// <summary>/finance/disputes: chargebacks and bank returns, open ones first by their evidence deadline.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public List<DisputeRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await RowsAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("dispute_id,payment_reference,receipt_number,fund,amount,currency,fee,fee_currency,reason,status,bank_return,evidence_due_by,funds_withdrawn_at,funds_reinstated_at,closed_at\r\n");
        foreach (var r in await RowsAsync(cancellationToken))
        {
            var d = r.Dispute;
            csv.Append(CultureInfo.InvariantCulture, $"{d.GatewayDisputeId},{Csv.Cell(r.PaymentReference ?? "")},{Csv.Cell(r.ReceiptNumber ?? "")},{Csv.Cell(r.FundCode)},{Amount(d.AmountMinor, d.Currency)},{d.Currency},{(d.FeeCurrency is null ? "" : Amount(d.FeeMinor, d.FeeCurrency))},{d.FeeCurrency},{d.Reason},{d.Status},{d.IsBankReturn},{d.EvidenceDueBy:yyyy-MM-dd HH:mm},{d.FundsWithdrawnAt:yyyy-MM-dd HH:mm},{d.FundsReinstatedAt:yyyy-MM-dd HH:mm},{d.ClosedAt:yyyy-MM-dd HH:mm}\r\n");
        }

        return File(Csv.Bytes(csv), "text/csv", "disputes.csv");
    }

    public static string Amount(long minor, string currency) => new Portal.Core.Shared.Money(minor, Portal.Core.Shared.Currency.Of(currency)).ToPlainString();

    private async Task<List<DisputeRow>> RowsAsync(CancellationToken cancellationToken)
    {
        var rows = await (from d in db.Disputes.AsNoTracking()
                          join c in db.Charges on d.ChargeId equals c.Id
                          join s in db.Sponsorships on c.SponsorshipId equals s.Id
                          join f in db.Funds on (c.FundId ?? s.FundId) equals f.Id
                          select new DisputeRow(d, c.PaymentIntentId, c.ReceiptNumber, f.Code)).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Dispute.ClosedAt is not null).ThenBy(r => r.Dispute.EvidenceDueBy ?? DateTime.MaxValue).ThenByDescending(r => r.Dispute.CreatedAt)];
    }
}

public sealed record DisputeRow(Dispute Dispute, string? PaymentReference, string? ReceiptNumber, string FundCode);

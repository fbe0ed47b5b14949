using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Exports.Tables;
using Portal.Core.Refunds;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Finance.Pages.Refunds;

/// <summary>/finance/refunds: refund a payment (full or part, with a reason), the donors' refund requests, recent refunds.</summary>
public sealed class IndexModel(PortalDbContext db, RefundDesk desk, RefundRequests requests, UserManager<IdentityUser> users,
    IStringLocalizer<FinanceText> text) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<RequestRow> Requests { get; private set; } = [];

    public List<RefundRow> Recent { get; private set; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Name the payment: its receipt number or payment reference (pi_...).")]
        [StringLength(100)]
        [Display(Name = "Payment (receipt number or payment reference)")]
        public string? Payment { get; set; }

        [StringLength(20)]
        [Display(Name = "Amount (empty: all that is left)")]
        public string? Amount { get; set; }

        [Display(Name = "Kind")]
        public string? Kind { get; set; } = "requested_by_customer";

        [Required(ErrorMessage = "Give a reason for the refund; it is kept in the audit trail.")]
        [StringLength(500)]
        public string? Reason { get; set; }

        public long? RequestId { get; set; }
    }

    public async Task OnGetAsync(string? payment, long? request, CancellationToken cancellationToken)
    {
        Input.Payment = payment;
        Input.RequestId = request;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var key = Input.Payment!.Trim();
        var chargeId = Guid.TryParse(key, out var id) ? id
            : await db.Charges.Where(c => c.ReceiptNumber == key || c.PaymentIntentId == key).Select(c => (Guid?)c.Id)
                .FirstOrDefaultAsync(cancellationToken);
        if (chargeId is null)
        {
            ModelState.AddModelError("Input.Payment", text["No payment '{0}' was found.", key]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var actor = await users.ActorAsync(User);
        var outcome = await desk.RefundAsync(
            new RefundInput(chargeId.Value, Input.Amount, Input.Reason, Input.Kind, Input.RequestId),
            actor.Id,
            actor.Name,
            cancellationToken);
        if (outcome.Refund is null)
        {
            ModelState.AddModelError(string.Empty, outcome.Message!);
            await LoadAsync(cancellationToken);
            return Page();
        }

        StatusMessage = outcome.Refund.Status switch
        {
            RefundStatus.Succeeded => text["Refunded {0} {1}; the donor gets an amended receipt.", outcome.Refund.Currency, Money(outcome.Refund)],
            RefundStatus.Failed => text["The payment provider refused the refund: {0}", outcome.Refund.FailureReason ?? ""],
            RefundStatus.Pending => text["The refund is on its way; the bank confirms it in a few days."],
            _ => outcome.Message ?? text["The refund is recorded and will be sent again shortly."],
        };
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeclineAsync(long id, string? decision, CancellationToken cancellationToken)
    {
        var actor = await users.ActorAsync(User);
        StatusMessage = await requests.DeclineAsync(id, decision, actor.Id, actor.Name, cancellationToken)
            ?? text["The request was declined; the donor sees your reason."];
        return RedirectToPage();
    }

    public IActionResult OnGetCsv([FromServices] RefundsExport export) => new ExportFileResult(export.Table(), ExportFormat.Csv);

    public static string Money(Refund refund)
        => new Portal.Core.Shared.Money(refund.AmountMinor, Portal.Core.Shared.Currency.Of(refund.Currency)).ToPlainString();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Requests = await (from r in db.RefundRequests.AsNoTracking()
                          where r.Status == RefundRequestStatus.Open
                          join c in db.Charges on r.ChargeId equals c.Id
                          join d in db.Donors on r.DonorId equals d.Id
                          orderby r.CreatedAt
                          select new RequestRow(
                              r,
                              d.Name,
                              d.Email,
                              c.ReceiptNumber,
                              c.PaymentIntentId,
                              c.AmountMinor - c.AmountRefundedMinor,
                              c.Currency)).ToListAsync(cancellationToken);
        Recent = await RecentQuery(100).ToListAsync(cancellationToken);
    }

    private IQueryable<RefundRow> RecentQuery(int take) => RefundsExport.Query(db).Take(take);
}

public sealed record RequestRow(
    RefundRequest Request,
    string DonorName,
    string DonorEmail,
    string? ReceiptNumber,
    string? PaymentReference,
    long LeftMinor,
    string Currency);

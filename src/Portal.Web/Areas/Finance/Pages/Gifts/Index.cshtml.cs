using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Gifts;
using Portal.Core.Hosting;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Finance.Pages.Gifts;

/// <summary>/finance/gifts: record a gift received by bank transfer, cheque or cash; book the statements' donor transfers
/// as gifts (one by one, or those matched by reference or account in bulk); import a batch from CSV with a row report.</summary>
[RequestSizeLimit(MaxUpload + 64 * 1024)]
public sealed class IndexModel(
    PortalDbContext db,
    OfflineGiftBook book,
    BankCreditGifts credits,
    OfflineGiftImport import,
    CharityCalendar calendar,
    UserManager<IdentityUser> users,
    IStringLocalizer<FinanceText> text) : PageModel
{
    public const int MaxUpload = 2 * 1024 * 1024;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public GiftForm Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<GiftProblem> Problems { get; private set; } = [];

    public bool ImportFailed { get; private set; }

    public IReadOnlyList<CreditBooking> Refused { get; private set; } = [];

    public List<Fund> Funds { get; private set; } = [];

    public CreditQueue Queue { get; private set; } = new([], 0, 1, BankCreditGifts.PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.Token = Guid.NewGuid();
        Input.Date = calendar.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRecordAsync(CancellationToken cancellationToken)
    {
        var (id, name) = await users.ActorAsync(User);
        var result = await book.RecordAsync(
            Input.Token == Guid.Empty ? Guid.NewGuid() : Input.Token,
            new OfflineGiftInput(Input.Email, Input.Name, Input.Country, Input.Fund, Input.Date, Input.Amount, Input.Currency, Input.Method),
            id,
            name,
            cancellationToken);
        if (result.Succeeded)
        {
            StatusMessage = result.AlreadyRecorded
                ? text["This gift was recorded already (receipt {0}); nothing was added.", result.ReceiptNumber ?? ""]
                : text["The gift was recorded and receipted ({0}).", result.ReceiptNumber ?? ""];
            return RedirectToPage();
        }

        Problems = result.Problems;
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Books one line: on its offer, or as the gift of the donor (by e-mail address) and fund chosen on its row.</summary>
    public async Task<IActionResult> OnPostBookAsync(long lineId, CancellationToken cancellationToken)
    {
        var (id, name) = await users.ActorAsync(User);
        var email = Request.Form[$"donor-{lineId}"].ToString().Trim();
        var fund = Guid.TryParse(Request.Form[$"fund-{lineId}"].ToString(), out var chosenFund) ? chosenFund : (Guid?)null;
        Guid? donorId = null;
        if (email.Length > 0)
        {
            var normalized = Donor.Normalize(email);
            donorId = await db.Donors.Where(d => d.NormalizedEmail == normalized).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
            if (donorId is null)
            {
                StatusMessage = text["No donor has the address {0}; record the gift with the form to add the donor.", email];
                return RedirectToPage(new { p = PageNumber });
            }
        }

        var result = await credits.BookAsync(lineId, donorId, fund, id, name, cancellationToken);
        StatusMessage = result.Booked
            ? text["The bank line was booked as a gift and receipted ({0}).", result.ReceiptNumber ?? ""]
            : text["Line {0} was not booked: {1}", lineId, result.Refusal ?? ""];
        return RedirectToPage(new { p = PageNumber });
    }

    public async Task<IActionResult> OnPostBookMatchedAsync(long[]? lineIds, CancellationToken cancellationToken)
    {
        var (id, name) = await users.ActorAsync(User);
        var results = await credits.BookMatchedAsync(lineIds ?? [], id, name, cancellationToken);
        StatusMessage = text["{0} bank lines were booked as gifts; {1} were not.", results.Count(r => r.Booked), results.Count(r => !r.Booked)];
        if (results.All(r => r.Booked))
        {
            return RedirectToPage(new { p = PageNumber });
        }

        Refused = [.. results.Where(r => !r.Booked)];
        Input.Token = Guid.NewGuid();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0 || file.Length > MaxUpload)
        {
            Problems = [new GiftProblem(0, "file", file is null || file.Length == 0
                ? text["Choose a CSV file to import."]
                : text["The file is larger than {0} MB; split it.", MaxUpload / 1024 / 1024])];
        }
        else
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, cancellationToken);
            var (id, name) = await users.ActorAsync(User);
            var result = await import.ImportAsync(content.ToArray(), id, name, cancellationToken);
            if (result.Succeeded)
            {
                StatusMessage = text["{0} gifts were imported and receipted.", result.Imported];
                return RedirectToPage();
            }

            Problems = result.Problems;
        }

        ImportFailed = true;
        Input.Token = Guid.NewGuid();
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Funds = await db.Funds.AsNoTracking().OrderBy(f => f.Kind).ThenBy(f => f.Name).ToListAsync(cancellationToken);
        Queue = await credits.QueueAsync(PageNumber, cancellationToken);
    }
}

public sealed class GiftForm
{
    /// <summary>Makes the gift's id: a second submit of the same form finds the gift it recorded.</summary>
    public Guid Token { get; set; }

    public string? Email { get; set; }

    public string? Name { get; set; }

    public string? Country { get; set; }

    public string? Fund { get; set; }

    public string? Date { get; set; }

    public string? Amount { get; set; }

    public string? Currency { get; set; } = "EUR";

    public string? Method { get; set; } = "bank-transfer";
}

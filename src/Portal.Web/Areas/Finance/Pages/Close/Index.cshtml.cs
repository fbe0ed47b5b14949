using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Hosting;
using Portal.Core.Ledger;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Finance.Pages.Close;

/// <summary>/finance/close: what is still unsettled in a month, and closing it (audited; closed months refuse entries).</summary>
public sealed class IndexModel(PortalDbContext db, PeriodClose close, CharityCalendar calendar, UserManager<IdentityUser> users,
    IStringLocalizer<FinanceText> text) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choose the month to close.")]
    [RegularExpression(@"^\d{4}-\d{2}$", ErrorMessage = "Write the month as YYYY-MM.")]
    [Display(Name = "Month")]
    public string? Month { get; set; }

    public PeriodCloseCheck? Check { get; private set; }

    public List<ClosedPeriod> Closed { get; private set; } = [];

    public async Task OnGetAsync(string? month, CancellationToken cancellationToken)
    {
        Month = month ?? calendar.Today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || !TryMonth(Month, out var month))
        {
            ModelState.AddModelError(nameof(Month), text["Write the month as YYYY-MM."]);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var actor = await users.ActorAsync(User);
        var result = await close.CloseAsync(month, actor.Id, actor.Name, cancellationToken);
        if (!result.Closed)
        {
            ModelState.AddModelError(nameof(Month), result.Problem!);
            await LoadAsync(cancellationToken);
            return Page();
        }

        StatusMessage = text["{0:MMMM yyyy} is closed. Corrections now post in the open period as reversals.", month];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Closed = await db.ClosedPeriods.AsNoTracking().OrderByDescending(p => p.Month).Take(24).ToListAsync(cancellationToken);
        Check = TryMonth(Month, out var month) ? await close.CheckAsync(month, cancellationToken) : null;
    }

    private static bool TryMonth(string? text, out DateOnly month) =>
        DateOnly.TryParseExact($"{text?.Trim()}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);
}

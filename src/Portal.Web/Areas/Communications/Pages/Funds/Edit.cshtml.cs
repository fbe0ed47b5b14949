using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Transparency;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Communications.Pages.Funds;

/// <summary>
/// /communications/funds/edit/{id?}: creates a fund (a draft) or changes one: its texts in every language, where it
/// is, its currency and goal, its place on the home page and its state. Warnings of the child-data scan show above the
/// form; publishing needs the confirmation that someone read them (<see cref="EditFund"/>).
/// </summary>
public sealed class EditModel(PortalDbContext db, EditFund edit, UserManager<IdentityUser> users, IStringLocalizer<StaffText> text)
    : PageModel
{
    [BindProperty]
    public FundForm Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public Fund? Fund { get; private set; }

    /// <summary>Donors have given to it: the currency is fixed.</summary>
    public bool HasMoney { get; private set; }

    public IReadOnlyList<string> MissingLanguages { get; private set; } = [];

    public IReadOnlyList<ChildDataWarning> Warnings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = Fund is null ? new FundForm().OfferAll() : FundForm.From(Fund);

        await FillAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var (actorId, actorName) = await users.ActorAsync(User);
            switch (await edit.SaveAsync(id, Input.ToInput(), actorId, actorName, cancellationToken))
            {
                case FundSaveResult.Saved saved:
                    StatusMessage = Input.Status == FundStatus.Draft
                        ? text["Saved as a draft: only staff see it."].Value
                        : text["Saved. The public pages show it now."].Value;
                    return RedirectToPage(new { id = saved.FundId });
                case FundSaveResult.Invalid invalid:
                    foreach (var problem in invalid.Problems)
                    {
                        ModelState.AddModelError($"{nameof(Input)}.{problem.Field}", text[problem.Message]);
                    }

                    break;
                default:
                    return NotFound();
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await FillAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is not { } existing)
        {
            return true;
        }

        Fund = await db.Funds.AsNoTracking().SingleOrDefaultAsync(f => f.Id == existing, cancellationToken);
        HasMoney = Fund is not null && await edit.HasMoneyAsync(existing, cancellationToken);
        return Fund is not null;
    }

    /// <summary>The translation rows, what is missing, and the scan's warnings about the texts shown.</summary>
    private async Task FillAsync(CancellationToken cancellationToken)
    {
        var saved = Fund is null ? [] : await db.FundTranslations.AsNoTracking().Where(t => t.FundId == Fund.Id).ToListAsync(cancellationToken);
        Input.FillTranslations(saved);
        MissingLanguages = FundText.MissingIn(Input.Translations
            .Select(t => new FundTranslation { Language = t.Language ?? "", Name = t.Name, Summary = t.Summary, Story = t.Story }));
        Warnings = EditFund.Warnings(Input.ToInput());
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Fundraising;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Web.Hosting;

namespace Portal.Web.Pages.Fundraising;

/// <summary>
/// /finance/fundraising: the board's figures for a year, per month, fund and currency (<see cref="FundraisingFigures"/>,
/// from monthly totals), and the lists Communications acts on, counted here and exported or written to from here.
/// </summary>
public sealed class IndexModel(PortalDbContext db, FundraisingFigures figures, CharityCalendar calendar) : PageModel
{
    /// <summary>Rows of each list shown on the page; the export has them all.</summary>
    public const int ListRows = 20;

    /// <summary>A list is counted up to this many rows ("1,000 or more"); the export has them all.</summary>
    public const int CountedRows = 1_000;

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>A fund's code, or none for every fund.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Fund { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Format { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? List { get; set; }

    public FundraisingYear Figures { get; private set; } = new(0, null, []);

    public List<Fund> Funds { get; private set; } = [];

    public Fund? Chosen { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<ListSummary> Lists { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        Figures = await figures.YearAsync(Year!.Value, Chosen?.Id, Today, cancellationToken);
        // Each list is counted up to CountedRows and shown from its index's order, so the page reads a few hundred
        // rows however long the list: the most recently lapsed first, the soonest card to expire, the oldest due period.
        var lapsed = FundraisingLists.Lapsed(db, Today, Chosen?.Id);
        var expiring = FundraisingLists.ExpiringCards(db, Today, Chosen?.Id);
        var pastDue = FundraisingLists.PastDue(db, Chosen?.Id);
        Lists =
        [
            new(
                FundraisingList.Lapsed,
                await lapsed.Take(CountedRows + 1).CountAsync(cancellationToken),
                await lapsed.OrderByDescending(d => d.LastGiftOn).Take(ListRows)
                    .Select(d => new ListedDonor(d.Id, d.Name, d.Email, d.LastGiftOn)).ToListAsync(cancellationToken)),
            new(
                FundraisingList.ExpiringCards,
                await expiring.Take(CountedRows + 1).CountAsync(cancellationToken),
                await Sponsors(expiring.OrderBy(s => s.CardExpiresOn).Take(ListRows), cancellationToken)),
            new(
                FundraisingList.PastDue,
                await pastDue.Take(CountedRows + 1).CountAsync(cancellationToken),
                await Sponsors(pastDue.OrderBy(s => s.NextPeriodStart).ThenBy(s => s.Id).Take(ListRows), cancellationToken)),
        ];
        return Page();
    }

    private Task<List<ListedDonor>> Sponsors(IQueryable<Portal.Core.Sponsorships.Sponsorship> first, CancellationToken cancellationToken) =>
        first.Join(db.Donors, s => s.DonorId, d => d.Id, (s, d) => new ListedDonor(d.Id, d.Name, d.Email, null))
            .ToListAsync(cancellationToken);

    /// <summary>The year's figures as CSV or XLSX: the table the page shows.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (ParseFormat() is not { } format)
        {
            return BadRequest("Choose csv or xlsx.");
        }

        var year = await figures.YearAsync(Year!.Value, Chosen?.Id, Today, cancellationToken);
        return new ExportFileResult(FundraisingExports.Figures(year, Chosen?.Code), format);
    }

    /// <summary>A list (lapsed, expiring-cards, past-due) as CSV or XLSX, streamed.</summary>
    public async Task<IActionResult> OnGetListAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (ParseFormat() is not { } format)
        {
            return BadRequest("Choose csv or xlsx.");
        }

        if (ParseList(List) is not { } list)
        {
            return BadRequest("Choose the list: lapsed, expiring-cards or past-due.");
        }

        return new ExportFileResult(FundraisingExports.List(db, list, Today, Chosen?.Id, Chosen?.Code), format);
    }

    public static string Slug(FundraisingList list) => list switch
    {
        FundraisingList.Lapsed => "lapsed",
        FundraisingList.ExpiringCards => "expiring-cards",
        _ => "past-due",
    };

    /// <summary>The update audience of a list (<see cref="Portal.Core.Communications.Updates.UpdateAudience.List"/>).</summary>
    public static string Audience(FundraisingList list) => list switch
    {
        FundraisingList.Lapsed => nameof(Portal.Core.Communications.Updates.UpdateAudienceKind.LapsedDonors),
        FundraisingList.ExpiringCards => nameof(Portal.Core.Communications.Updates.UpdateAudienceKind.ExpiringCards),
        _ => nameof(Portal.Core.Communications.Updates.UpdateAudienceKind.PastDue),
    };

    private static FundraisingList? ParseList(string? slug) =>
        Enum.GetValues<FundraisingList>().Select(l => (FundraisingList?)l).FirstOrDefault(l => Slug(l!.Value) == slug);

    private ExportFormat? ParseFormat() => Format?.ToLowerInvariant() switch
    {
        "csv" => ExportFormat.Csv,
        "xlsx" => ExportFormat.Xlsx,
        _ => null,
    };

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        Today = calendar.Today;
        Year ??= Today.Year;
        if (Year < 2000 || Year > Today.Year)
        {
            return BadRequest($"Choose a year from 2000 to {Today.Year}.");
        }

        Funds = await db.Funds.AsNoTracking().Where(f => f.Status != FundStatus.Draft).OrderBy(f => f.Name).ToListAsync(cancellationToken);
        if (!string.IsNullOrEmpty(Fund))
        {
            Chosen = Funds.FirstOrDefault(f => string.Equals(f.Code, Fund, StringComparison.OrdinalIgnoreCase));
            if (Chosen is null)
            {
                return BadRequest("No fund has that code.");
            }
        }

        return null;
    }

    public sealed record ListSummary(FundraisingList List, int Count, IReadOnlyList<ListedDonor> First);

    public sealed record ListedDonor(Guid Id, string Name, string Email, DateOnly? LastGiftOn);
}

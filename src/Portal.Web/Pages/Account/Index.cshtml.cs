using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Exports;
using Portal.Core.Exports.Tables;
using Portal.Core.Sponsorships;
using Portal.Core.Transparency.TaxStatements;
using Portal.Web.Hosting;

namespace Portal.Web.Pages.Account;

/// <summary>/account: the donor's sponsorships and gifts, with a receipt for each paid gift.</summary>
public sealed class IndexModel(PortalDbContext db, DeductibleGifts deductible, FiscalYears fiscalYears, DonorGiftsExport giftsExport) : DonorPageModel
{
    public string DonorName { get; private set; } = "";

    public List<SponsorshipRow> Sponsorships { get; private set; } = [];

    public List<GiftRow> Gifts { get; private set; } = [];

    /// <summary>The fiscal years the donor gave in, newest first, with their labels ("2026" or "2026/27").</summary>
    public List<(int Year, string Label)> TaxYears { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var donorId = DonorId;
        DonorName = await db.Donors.Where(d => d.Id == donorId).Select(d => d.Name).SingleAsync(cancellationToken);
        Sponsorships = await (
            from s in db.Sponsorships.AsNoTracking()
            where s.DonorId == donorId
            join fund in db.Funds on s.FundId equals fund.Id
            orderby s.CreatedAt descending
            select new SponsorshipRow(s, fund.Name, fund.Slug)).ToListAsync(cancellationToken);
        Gifts = await GiftsAsync(donorId, cancellationToken);
        TaxYears = [.. (await deductible.YearsAsync(donorId, cancellationToken)).Select(year => (year, fiscalYears.Label(year)))];
    }

    /// <summary>The donor's gifts as CSV, for their own records or a tax return.</summary>
    public IActionResult OnGetCsv() => new ExportFileResult(giftsExport.Table(DonorId), ExportFormat.Csv);

    private Task<List<GiftRow>> GiftsAsync(Guid donorId, CancellationToken cancellationToken) =>
        (from charge in db.Charges.AsNoTracking()
         join s in db.Sponsorships on charge.SponsorshipId equals s.Id
         where s.DonorId == donorId
         join fund in db.Funds on s.FundId equals fund.Id
         orderby charge.CreatedAt descending
         select new GiftRow(charge, fund.Name)).ToListAsync(cancellationToken);

    public static (string Text, string Tone) Describe(SponsorshipStatus status) => (StatusWords.Of(status), status switch
    {
        SponsorshipStatus.Active or SponsorshipStatus.Completed => "ok",
        SponsorshipStatus.Pending or SponsorshipStatus.Paused => "warn",
        SponsorshipStatus.PastDue or SponsorshipStatus.Failed => "bad",
        _ => "",
    });

    /// <summary>The status in the donor's words (the same as their CSV's) and its tone.</summary>
    public static (string Text, string Tone) Describe(ChargeStatus status) => (StatusWords.Of(status), status switch
    {
        ChargeStatus.Succeeded => "ok",
        ChargeStatus.Processing or ChargeStatus.InFlight or ChargeStatus.Scheduled or ChargeStatus.ActionRequired => "warn",
        ChargeStatus.Refunded => "",
        _ => "bad",
    });
}

public sealed record SponsorshipRow(Sponsorship Sponsorship, string FundName, string FundSlug);

public sealed record GiftRow(Charge Charge, string FundName);

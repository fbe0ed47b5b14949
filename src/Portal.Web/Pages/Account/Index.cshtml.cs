using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Sponsorships;
using Portal.Core.Transparency.TaxStatements;
using Portal.Web.Hosting;

namespace Portal.Web.Pages.Account;

/// <summary>/account: the donor's sponsorships and gifts, with a receipt for each paid gift.</summary>
public sealed class IndexModel(PortalDbContext db, DeductibleGifts deductible, FiscalYears fiscalYears) : DonorPageModel
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
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var gifts = await GiftsAsync(DonorId, cancellationToken);
        var csv = new StringBuilder("date,fund,amount,currency,status,receipt\r\n");
        foreach (var gift in gifts)
        {
            var date = (gift.Charge.SucceededAt ?? gift.Charge.CreatedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{date},{Csv.Cell(gift.FundName)},{gift.Charge.Amount.ToPlainString()},{gift.Charge.Currency},{Describe(gift.Charge.Status).Text},{gift.Charge.ReceiptNumber}\r\n");
        }

        return File(Csv.Bytes(csv), "text/csv", "my-gifts.csv");
    }

    private Task<List<GiftRow>> GiftsAsync(Guid donorId, CancellationToken cancellationToken) =>
        (from charge in db.Charges.AsNoTracking()
         join s in db.Sponsorships on charge.SponsorshipId equals s.Id
         where s.DonorId == donorId
         join fund in db.Funds on s.FundId equals fund.Id
         orderby charge.CreatedAt descending
         select new GiftRow(charge, fund.Name)).ToListAsync(cancellationToken);

    public static (string Text, string Tone) Describe(SponsorshipStatus status) => status switch
    {
        SponsorshipStatus.Active => ("Active", "ok"),
        SponsorshipStatus.Completed => ("Given", "ok"),
        SponsorshipStatus.Pending => ("Waiting for payment", "warn"),
        SponsorshipStatus.Paused => ("Paused", "warn"),
        SponsorshipStatus.PastDue => ("Payment needed", "bad"),
        SponsorshipStatus.Failed => ("Not paid", "bad"),
        _ => ("Stopped", ""),
    };

    public static (string Text, string Tone) Describe(ChargeStatus status) => status switch
    {
        ChargeStatus.Succeeded => ("Paid", "ok"),
        ChargeStatus.Processing => ("Processing", "warn"),
        ChargeStatus.InFlight or ChargeStatus.Scheduled => ("Pending", "warn"),
        ChargeStatus.Failed => ("Not paid", "bad"),
        ChargeStatus.Refunded => ("Refunded", ""),
        _ => ("Disputed", "bad"),
    };
}

public sealed record SponsorshipRow(Sponsorship Sponsorship, string FundName, string FundSlug);

public sealed record GiftRow(Charge Charge, string FundName);

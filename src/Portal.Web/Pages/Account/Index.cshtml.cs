using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Sponsorships;

namespace Portal.Web.Pages.Account;

/// <summary>/account: the donor's sponsorships and gifts, with a receipt for each paid gift.</summary>
public sealed class IndexModel(PortalDbContext db) : DonorPageModel
{
    public string DonorName { get; private set; } = "";

    public List<SponsorshipRow> Sponsorships { get; private set; } = [];

    public List<GiftRow> Gifts { get; private set; } = [];

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
        Gifts = await (
            from charge in db.Charges.AsNoTracking()
            join s in db.Sponsorships on charge.SponsorshipId equals s.Id
            where s.DonorId == donorId
            join fund in db.Funds on s.FundId equals fund.Id
            orderby charge.CreatedAt descending
            select new GiftRow(charge, fund.Name)).Take(200).ToListAsync(cancellationToken);
    }

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

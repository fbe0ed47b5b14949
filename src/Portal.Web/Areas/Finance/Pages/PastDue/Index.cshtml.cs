using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Audit;
using Portal.Core.Data;
using Portal.Core.Sponsorships;
using Portal.Web.Hosting;

namespace Portal.Web.Areas.Finance.Pages.PastDue;

/// <summary>/finance/pastdue: sponsorships whose payment failed after every retry, with why and what was tried; retry or write to the donor.</summary>
public sealed class IndexModel(PortalDbContext db, RetryPastDue retry, UserManager<IdentityUser> users, AuditLog audit) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public List<PastDueRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await RowsAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("donor,email,fund,amount,currency,past_due_since,decline_code,message,attempts\r\n");
        foreach (var row in await RowsAsync(cancellationToken))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Csv.Cell(row.DonorName)},{Csv.Cell(row.DonorEmail)},{Csv.Cell(row.FundName)},{row.Sponsorship.ChargeAmount.ToPlainString()},{row.Sponsorship.Currency},{row.Sponsorship.PastDueSince:yyyy-MM-dd HH:mm},{Csv.Cell(row.Charge?.DeclineCode ?? "")},{Csv.Cell(row.Charge?.FailureMessage ?? "")},{row.Attempts.Count}\r\n");
        }

        return File(Csv.Bytes(csv), "text/csv", "past-due.csv");
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        var done = await retry.RetryAsync(id, user!.Id, user.Email ?? user.Id, cancellationToken);
        StatusMessage = done ? "The payment will be tried again by the next charge run." : "Nothing to retry: the sponsorship is no longer past due.";
        return RedirectToPage();
    }

    /// <summary>Records that staff wrote to the donor, then opens their mail program with the subject filled in.</summary>
    public async Task<IActionResult> OnPostContactAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = await (
            from s in db.Sponsorships.AsNoTracking()
            where s.Id == id && s.Status == SponsorshipStatus.PastDue
            join donor in db.Donors on s.DonorId equals donor.Id
            join fund in db.Funds on s.FundId equals fund.Id
            select new { donor.Email, fund.Name }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var user = await users.GetUserAsync(User);
        audit.Record(user!.Id, user.Email ?? user.Id, "sponsorship.donor-contacted", $"sponsorship:{id}", found.Email);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"mailto:{found.Email}?subject={Uri.EscapeDataString($"Your sponsorship of {found.Name}: a payment did not go through")}");
    }

    private async Task<List<PastDueRow>> RowsAsync(CancellationToken cancellationToken)
    {
        var found = await (
            from s in db.Sponsorships.AsNoTracking()
            where s.Status == SponsorshipStatus.PastDue
            join donor in db.Donors on s.DonorId equals donor.Id
            join fund in db.Funds on s.FundId equals fund.Id
            orderby s.PastDueSince
            select new { s, donor.Name, donor.Email, FundName = fund.Name }).ToListAsync(cancellationToken);
        var ids = found.Select(f => f.s.Id).ToList();
        var failed = (await db.Charges.AsNoTracking().Where(c => ids.Contains(c.SponsorshipId) && c.Status == ChargeStatus.Failed).ToListAsync(cancellationToken))
            .GroupBy(c => c.SponsorshipId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.PeriodStart)!);
        var chargeIds = failed.Values.Select(c => c.Id).ToList();
        var attempts = (await db.ChargeAttempts.AsNoTracking().Where(a => chargeIds.Contains(a.ChargeId)).ToListAsync(cancellationToken))
            .GroupBy(a => a.ChargeId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.OccurredAt).ThenBy(a => a.Id).ToList());
        return found.Select(f =>
        {
            var charge = failed.GetValueOrDefault(f.s.Id);
            return new PastDueRow(f.s, f.Name, f.Email, f.FundName, charge, charge is null ? [] : attempts.GetValueOrDefault(charge.Id, []));
        }).ToList();
    }
}

public sealed record PastDueRow(Sponsorship Sponsorship, string DonorName, string DonorEmail, string FundName, Charge? Charge, List<ChargeAttempt> Attempts);

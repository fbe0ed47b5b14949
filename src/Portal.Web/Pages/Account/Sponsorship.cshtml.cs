using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portal.Core.Data;
using Portal.Core.Funds;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships;
using Portal.Web.Resources;

namespace Portal.Web.Pages.Account;

/// <summary>
/// /account/sponsorships/{id}: one of the donor's recurring sponsorships, its payments, and a form for each change the
/// donor may make. Another donor's sponsorship, or a one-time gift, is 404.
/// </summary>
public sealed class SponsorshipModel(
    PortalDbContext db,
    SponsorshipChanges changes,
    CharityCalendar calendar,
    Portal.Core.Refunds.RefundRequests refundRequests,
    IStringLocalizer<DonorText> text) : DonorPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public Sponsorship Sponsorship { get; private set; } = null!;

    public Fund Fund { get; private set; } = null!;

    public List<Fund> OpenFunds { get; private set; } = [];

    public List<Charge> Charges { get; private set; } = [];

    /// <summary>The recurring intervals the sponsorship's fund offers, for the interval form.</summary>
    public IEnumerable<SponsorshipInterval> Intervals =>
        new[] { SponsorshipInterval.Monthly, SponsorshipInterval.Quarterly, SponsorshipInterval.Yearly }.Where(i => Fund.Intervals.Offers(i));

    public List<Portal.Core.Refunds.RefundRequest> RefundRequests { get; private set; } = [];

    public DateOnly Today => calendar.Today;

    /// <summary>The donor asked to cancel and is shown what stops before saying yes.</summary>
    public bool ConfirmingCancel { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostPauseAsync(Guid id, CancellationToken cancellationToken) =>
        ApplyAsync(id, request => changes.PauseAsync(request, Input.Months ?? 0, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(Guid id, CancellationToken cancellationToken) =>
        ApplyAsync(id, request => changes.ResumeAsync(request, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostSkipAsync(Guid id, CancellationToken cancellationToken) =>
        ApplyAsync(id, request => changes.SkipNextAsync(request, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAmountAsync(Guid id, CancellationToken cancellationToken) =>
        ApplyAsync(id, request => changes.ChangeAmountAsync(request, Input.Amount, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostFundAsync(Guid id, CancellationToken cancellationToken) =>
        ApplyAsync(id, request => changes.ChangeFundAsync(request, Input.FundSlug, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDayAsync(Guid id, CancellationToken cancellationToken) =>
        ApplyAsync(id, request => changes.ChangeChargeDayAsync(request, Input.ChargeDay, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostIntervalAsync(Guid id, CancellationToken cancellationToken) =>
        ApplyAsync(id, request => changes.ChangeIntervalAsync(request, Input.Interval, cancellationToken), cancellationToken);

    /// <summary>The donor asks for one payment back; Finance answers from its queue.</summary>
    public async Task<IActionResult> OnPostRefundRequestAsync(Guid id, Guid chargeId, string? refundReason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var problem = Charges.Any(c => c.Id == chargeId)
            ? await refundRequests.SubmitAsync(DonorId, chargeId, refundReason, cancellationToken)
            : text["Choose one of this sponsorship's payments."];
        if (problem is not null)
        {
            ModelState.AddModelError("RefundRequest", text[problem]);
            return Page();
        }

        StatusMessage = text["Thank you. Our finance team will look at your request and write to you."];
        return RedirectToPage(new { id });
    }

    /// <summary>
    /// Two steps: the donor says why, then the page shows what stops (the next payment, the news) and asks again; only
    /// "Yes, cancel" (<see cref="InputModel.Confirmed"/>) cancels. A bad reason, or a sponsorship that can no longer be
    /// cancelled, is answered at once, as any change is.
    /// </summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!Input.Confirmed && ModelState.IsValid && CancelReasons.IsKnown(Input.CancelReasonCode))
        {
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }

            if (Sponsorship.DonorCanChange)
            {
                ConfirmingCancel = true;
                return Page();
            }
        }

        return await ApplyAsync(
            id, request => changes.CancelAsync(request, Input.CancelReasonCode, Input.CancelReason, cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> ApplyAsync(Guid id, Func<ChangeRequest, Task<ChangeResult>> change, CancellationToken cancellationToken)
    {
        // The annotations only check what a form sent; the service checks what each change needs.
        if (ModelState.IsValid)
        {
            var result = await change(new ChangeRequest(DonorId, id, Input.Version, HttpContext.Connection.RemoteIpAddress?.ToString()));
            switch (result)
            {
                case ChangeResult.NotFound:
                    return NotFound();
                case ChangeResult.Changed changed:
                    StatusMessage = text.Say(changed.Message);
                    return RedirectToPage(new { id });
                case ChangeResult.Refused refused:
                    ModelState.AddModelError(refused.Field is null ? "" : $"{nameof(Input)}.{refused.Field}", text.Say(refused.Message));
                    break;
                case ChangeResult.ChangedMeanwhile:
                    ModelState.AddModelError("", text.Say(ChangeResult.ChangedMeanwhile.Message));
                    break;
            }
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var donorId = DonorId;
        var found = await (
            from s in db.Sponsorships.AsNoTracking()
            where s.Id == id && s.DonorId == donorId && s.Interval != SponsorshipInterval.Once
            join fund in db.Funds on s.FundId equals fund.Id
            select new { s, fund }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }

        (Sponsorship, Fund) = (found.s, found.fund);
        Charges = await db.Charges.AsNoTracking().Where(c => c.SponsorshipId == id).OrderByDescending(c => c.PeriodStart)
            .ToListAsync(cancellationToken);
        var chargeIds = Charges.Select(c => c.Id).ToList();
        RefundRequests = await db.RefundRequests.AsNoTracking().Where(r => chargeIds.Contains(r.ChargeId)).OrderByDescending(r => r.CreatedAt)
            .ToListAsync(cancellationToken);
        // Only the funds that take gifts as often as this sponsorship gives (a fund's ways of giving are flags, read here).
        OpenFunds = (await db.Funds.AsNoTracking().Where(f => f.Status == FundStatus.Open).OrderBy(f => f.Name).ToListAsync(cancellationToken))
            .Where(f => f.Intervals.Offers(Sponsorship.Interval)).ToList();
        // A form re-shown after an error keeps what the donor typed, but always carries the version now shown.
        Input.Version = Sponsorship.Version;
        Input.ChargeDay ??= Sponsorship.ChargeDay;
        Input.FundSlug ??= Fund.Slug;
        Input.Interval ??= Sponsorship.Interval;
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
        return true;
    }

    public sealed class InputModel
    {
        /// <summary>The version of the sponsorship the donor was looking at: a change made meanwhile refuses the form.</summary>
        public int Version { get; set; }

        [Range(1, SponsorshipChanges.MaxPauseMonths, ErrorMessage = "Choose a pause of 1 to 6 months.")]
        [Display(Name = "Pause for")]
        public int? Months { get; set; }

        [StringLength(20, ErrorMessage = "Enter an amount such as 25 or 25.50.")]
        [Display(Name = "New amount")]
        public string? Amount { get; set; }

        [Display(Name = "Village or program")]
        public string? FundSlug { get; set; }

        [Range(1, 31, ErrorMessage = "Choose a day from 1 to 31.")]
        [Display(Name = "Day of the month")]
        public int? ChargeDay { get; set; }

        [Display(Name = "How often")]
        public SponsorshipInterval? Interval { get; set; }

        [Display(Name = "Why are you cancelling?")]
        public string? CancelReasonCode { get; set; }

        /// <summary>Sent by "Yes, cancel" on the confirmation step; the first step's form leaves it out.</summary>
        public bool Confirmed { get; set; }

        [StringLength(SponsorshipChanges.CancelReasonMaxLength, ErrorMessage = "Use at most 500 characters.")]
        [Display(Name = "Anything you would like to tell us (optional)")]
        public string? CancelReason { get; set; }
    }
}

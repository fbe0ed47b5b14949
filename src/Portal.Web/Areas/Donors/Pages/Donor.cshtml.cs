using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Portal.Core.Donors.Care;
using Portal.Core.Gifts;
using Portal.Core.Sponsorships;
using Portal.Web.Hosting;
using Portal.Web.Resources;

namespace Portal.Web.Areas.Donors.Pages;

/// <summary>
/// /donors/{id}: one donor as donor care sees them (contact, consents, sponsorships, gifts, refunds, disputes,
/// statements, e-mails, sign-ins, history), and the actions staff take for them, each with a reason that is audited.
/// </summary>
public sealed class DonorModel(
    DonorFiles files,
    DonorCare care,
    DonorMerges merges,
    SponsorshipChanges changes,
    Portal.Core.Refunds.RefundRequests refundRequests,
    GiftReferences references,
    UserManager<IdentityUser> users,
    IStringLocalizer<StaffText> text,
    IStringLocalizer<DonorText> donorText) : PageModel
{
    public DonorFile Record { get; private set; } = null!;

    /// <summary>A moment as the page's partials show it: UTC, to the minute, the same in every language.</summary>
    public static string Day(DateTime? at) => at?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A date as the page's partials show it.</summary>
    public static string Date(DateOnly? at) => at?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public IReadOnlyList<DuplicateCandidate> Candidates { get; private set; } = [];

    public IReadOnlyList<DonorMerge> Merges { get; private set; } = [];

    /// <summary>The donor's gift reference for each fund they support (decision 033), for a standing order: given on first view.</summary>
    public IReadOnlyList<(string FundName, string Reference)> FundReferences { get; private set; } = [];

    [BindProperty]
    public Guid OtherDonorId { get; set; }

    [BindProperty]
    public bool GatewayCustomersSeen { get; set; }

    [BindProperty]
    public Guid MergeId { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public DetailsInput Details { get; set; } = new();

    [BindProperty]
    public ChangeInput Change { get; set; } = new();

    /// <summary>Names one showing of the page's forms: the same form posted twice sends one e-mail.</summary>
    [BindProperty]
    public Guid FormToken { get; set; } = Guid.NewGuid();

    [BindProperty]
    public ResendKind ResendKind { get; set; }

    [BindProperty]
    public Guid ResendId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var donor = Record.Donor;
        Details = new DetailsInput
        {
            Name = donor.Name,
            Email = donor.Email,
            Phone = donor.Phone,
            AddressLine = donor.AddressLine,
            PostalCode = donor.PostalCode,
            City = donor.City,
            CountryCode = donor.CountryCode,
            Language = donor.Language,
        };
        if (donor.ErasedAt is null && donor.MergedIntoId is null)
        {
            var funds = Record.Sponsorships.GroupBy(s => s.Sponsorship.FundId).ToDictionary(g => g.Key, g => g.First().FundName);
            var given = await references.ForAsync(donor.Id, funds.Keys, cancellationToken);
            FundReferences = [.. given.Select(r => (funds[r.Key], r.Value)).OrderBy(r => r.Item1, StringComparer.CurrentCulture)];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = await ActorAsync();
        if (await care.AddNoteAsync(id, actor, Note, cancellationToken) is { } refusal)
        {
            return await RefuseAsync(id, nameof(Note), refusal, cancellationToken);
        }

        StatusMessage = text["Note added."];
        return RedirectToPage(new { id });
    }

    /// <summary>Asks Finance, on the donor's behalf, for one of their payments back; Finance decides in its refund queue.</summary>
    public async Task<IActionResult> OnPostRefundAsync(Guid id, Guid refundChargeId, CancellationToken cancellationToken)
    {
        var actor = await ActorAsync();
        if (await refundRequests.SubmitForDonorAsync(id, refundChargeId, actor, cancellationToken) is { } refusal)
        {
            return await RefuseAsync(id, "", refusal, cancellationToken);
        }

        StatusMessage = text["The refund request waits in Finance's refund queue."];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDetailsAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = await ActorAsync();
        var refusals = await care.UpdateDetailsAsync(id, actor, Details.ToDetails(), cancellationToken);
        if (refusals.Count > 0)
        {
            foreach (var (field, message) in refusals)
            {
                ModelState.AddModelError(field is "" or "Reason" ? field : $"{nameof(Details)}.{field}", text[message]);
            }

            return await RedisplayAsync(id, cancellationToken);
        }

        StatusMessage = text["Details saved; the donor is told by e-mail."];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = await ActorAsync();
        if (await care.ResendAsync(id, actor, ResendKind, ResendId, FormToken, cancellationToken) is { } refusal)
        {
            return await RefuseAsync(id, "", refusal, cancellationToken);
        }

        StatusMessage = text["Sent again."];
        return RedirectToPage(new { id });
    }

    /// <summary>Merges <see cref="OtherDonorId"/> into this donor.</summary>
    public async Task<IActionResult> OnPostMergeAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = await ActorAsync();
        if (await merges.MergeAsync(id, OtherDonorId, actor, GatewayCustomersSeen, cancellationToken) is { } refusal)
        {
            return await RefuseAsync(id, "", refusal, cancellationToken);
        }

        StatusMessage = text["Merged. It can be undone here until it is confirmed."];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUndoMergeAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = await ActorAsync();
        if (await merges.UndoAsync(MergeId, actor, cancellationToken) is { } refusal)
        {
            return await RefuseAsync(id, "", refusal, cancellationToken);
        }

        StatusMessage = text["The merge is undone."];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostConfirmMergeAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = await ActorAsync();
        if (await merges.ConfirmAsync(MergeId, actor, cancellationToken) is { } refusal)
        {
            return await RefuseAsync(id, "", refusal, cancellationToken);
        }

        StatusMessage = text["The merge is confirmed."];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostChangeAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = await ActorAsync();
        if (DonorCare.CheckReason(actor) is { } reasonRefused)
        {
            // At the top of the page, where it is seen: keyed on Reason it showed only in the closed contact form.
            return await RefuseAsync(id, "", reasonRefused, cancellationToken);
        }

        if (Change.Action == "card")
        {
            if (await care.SendCardLinkAsync(id, actor, Change.SponsorshipId, FormToken, cancellationToken) is { } refusal)
            {
                return await RefuseAsync(id, "", refusal, cancellationToken);
            }

            StatusMessage = text["The link to give a new card is on its way to the donor."];
            return RedirectToPage(new { id });
        }

        var request = new ChangeRequest(id, Change.SponsorshipId, Change.Version, actor.IpAddress, Staff: actor);
        var result = Change.Action switch
        {
            "amount" => await changes.ChangeAmountAsync(request, Change.Amount, cancellationToken),
            "pause" => await changes.PauseAsync(request, Change.Months ?? 0, cancellationToken),
            "resume" => await changes.ResumeAsync(request, cancellationToken),
            "skip" => await changes.SkipNextAsync(request, cancellationToken),
            "day" => await changes.ChangeChargeDayAsync(request, Change.Day, cancellationToken),
            "interval" => await changes.ChangeIntervalAsync(request, Change.Interval, cancellationToken),
            "fund" => await changes.ChangeFundAsync(request, Change.FundSlug, cancellationToken),
            "cancel" => await changes.CancelAsync(request, Change.CancelReasonCode, null, cancellationToken),
            _ => null,
        };
        switch (result)
        {
            case null:
                return BadRequest(text["Choose what to change."].Value);
            case ChangeResult.NotFound:
                return NotFound();
            case ChangeResult.Refused refused:
                return await RefuseAsync(id, "", donorText.Say(refused.Message), cancellationToken);
            case ChangeResult.ChangedMeanwhile:
                return await RefuseAsync(id, "", donorText.Say(ChangeResult.ChangedMeanwhile.Message), cancellationToken);
            default:
                StatusMessage = text["Done; the donor is told by e-mail."];
                return RedirectToPage(new { id });
        }
    }

    private async Task<StaffActor> ActorAsync()
    {
        var actor = await users.ActorAsync(User);
        return new StaffActor(actor.Id, actor.Name, Reason ?? "", HttpContext.Connection.RemoteIpAddress?.ToString());
    }

    private async Task<IActionResult> RefuseAsync(Guid id, string field, string message, CancellationToken cancellationToken)
    {
        ModelState.AddModelError(field, text[message]);
        return await RedisplayAsync(id, cancellationToken);
    }

    /// <summary>The page again with what staff typed and why it was refused, answered 400 as every refused form is.</summary>
    private async Task<IActionResult> RedisplayAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await files.ReadAsync(id, cancellationToken) is not { } file)
        {
            return false;
        }

        Record = file;
        Candidates = await merges.CandidatesAsync(id, cancellationToken);
        Merges = await merges.OfAsync(id, cancellationToken);
        return true;
    }

    public sealed class DetailsInput
    {
        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? AddressLine { get; set; }

        public string? PostalCode { get; set; }

        public string? City { get; set; }

        public string? CountryCode { get; set; }

        public string? Language { get; set; }

        public DonorDetails ToDetails() =>
            new(Name ?? "", Email ?? "", Phone, AddressLine, PostalCode, City, CountryCode ?? "", Language ?? "");
    }

    public sealed class ChangeInput
    {
        public Guid SponsorshipId { get; set; }

        public int Version { get; set; }

        public string? Action { get; set; }

        public string? Amount { get; set; }

        public int? Months { get; set; }

        public int? Day { get; set; }

        public string? FundSlug { get; set; }

        public SponsorshipInterval? Interval { get; set; }

        public string? CancelReasonCode { get; set; }
    }
}

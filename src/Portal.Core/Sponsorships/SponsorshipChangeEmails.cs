using Microsoft.Extensions.Options;
using Portal.Core.Communications;
using Portal.Core.Donors;
using Portal.Core.Hosting;

namespace Portal.Core.Sponsorships;

/// <summary>
/// Queues the e-mail that confirms a donor's own change, in the caller's unit of work: it is sent if and only if the
/// change is saved. The key names the sponsorship and the version the change was made on, so each change is confirmed
/// once, and a repeated post (refused as stale, or racing the first) queues nothing more.
/// </summary>
public sealed class SponsorshipChangeEmails(EmailOutbox outbox, EmailRenderer renderer, PublicUrls urls, IOptions<PortalOptions> portal)
{
    public static string Key(Guid sponsorshipId, int version) => $"sponsorship-change:{sponsorshipId}:{version}";

    /// <param name="version">The version of the sponsorship the change was made on.</param>
    /// <param name="before">The sponsorship's fund name and next period before the change (for a fund change and a skip).</param>
    /// <param name="byStaff">Donor care made the change for the donor: the e-mail says so instead of "if it was not you".</param>
    public async Task QueueAsync(
        SponsorshipChangeKind kind,
        Donor donor,
        Sponsorship after,
        int version,
        string fundName,
        (string FundName, DateOnly? NextPeriodStart) before,
        bool byStaff,
        CancellationToken cancellationToken)
    {
        var notice = Notice(kind, donor, after, fundName, before, byStaff);
        var html = await renderer.RenderAsync<SponsorshipChangeEmail>(new Dictionary<string, object?> { ["Notice"] = notice });
        await outbox.QueueAsync(
            Key(after.Id, version),
            EmailCategory.Transactional,
            donor.Id,
            donor.Email,
            donor.Name,
            new RenderedEmail(notice.Subject, html, notice.Text()),
            cancellationToken);
    }

    /// <summary>
    /// Tells the donor that donor care changed their details (<paramref name="fields"/> are Field_ keys). A changed
    /// address is told at both addresses, the old one first, so a donor whose address was taken over hears of it.
    /// </summary>
    public async Task QueueDetailsChangedAsync(
        Donor donor, string? previousEmail, IReadOnlyList<string> fields, Guid changeId, CancellationToken cancellationToken)
    {
        var text = SponsorshipChangeEmailText.For(donor.Language);
        var charity = portal.Value.CharityName;
        var notice = new SponsorshipChangeNotice(
            text.Language,
            charity,
            text.Format("Subject_DetailsChanged", charity),
            text.Format("Greeting", donor.Name),
            [text.Format("Body_DetailsChanged", string.Join(", ", fields.Select(field => text[$"Field_{field}"]))), text["ByStaff"]],
            text["ActionAccount"],
            urls.To("account"),
            text.Format("FooterAccount", charity));
        var html = await renderer.RenderAsync<SponsorshipChangeEmail>(new Dictionary<string, object?> { ["Notice"] = notice });
        var email = new RenderedEmail(notice.Subject, html, notice.Text());
        if (previousEmail is not null)
        {
            await outbox.QueueAsync(
                $"donor-details:{changeId}:previous", EmailCategory.Transactional, donor.Id, previousEmail, donor.Name, email, cancellationToken);
        }

        await outbox.QueueAsync(
            $"donor-details:{changeId}", EmailCategory.Transactional, donor.Id, donor.Email, donor.Name, email, cancellationToken);
    }

    /// <summary>The link to give a new card, sent by donor care; <paramref name="key"/> makes one request send one e-mail.</summary>
    public async Task QueueCardLinkAsync(Donor donor, Sponsorship s, string fundName, string key, CancellationToken cancellationToken)
    {
        var text = SponsorshipChangeEmailText.For(donor.Language);
        var charity = portal.Value.CharityName;
        var notice = new SponsorshipChangeNotice(
            text.Language,
            charity,
            text.Format("Subject_UpdateCard", fundName),
            text.Format("Greeting", donor.Name),
            [text.Format("Body_UpdateCard", fundName, text.Day(s.NextPeriodStart)), text["ByStaff"]],
            text["ActionUpdateCard"],
            urls.To("account/payment-method"),
            text.Format("FooterAccount", charity));
        var html = await renderer.RenderAsync<SponsorshipChangeEmail>(new Dictionary<string, object?> { ["Notice"] = notice });
        var email = new RenderedEmail(notice.Subject, html, notice.Text());
        await outbox.QueueAsync(key, EmailCategory.Transactional, donor.Id, donor.Email, donor.Name, email, cancellationToken);
    }

    /// <summary>
    /// Tells a sponsor that staff moved their sponsorship from a closed fund, once per sponsorship and move, with the
    /// link to their sponsorship's page, where they may cancel instead.
    /// </summary>
    public async Task QueueFundMovedAsync(
        Donor donor, Sponsorship s, string fundName, string closedFundName, Guid moveId, CancellationToken cancellationToken)
    {
        var text = SponsorshipChangeEmailText.For(donor.Language);
        var charity = portal.Value.CharityName;
        var notice = new SponsorshipChangeNotice(
            text.Language,
            charity,
            text.Format("Subject_FundMoved", fundName),
            text.Format("Greeting", donor.Name),
            [
                text.Format("Body_FundMoved", fundName, s.ChargeAmount.Format(text.Culture), closedFundName, text.Day(s.NextPeriodStart)),
                text.Format("CancelInstead", fundName),
            ],
            text["ActionFundMoved"],
            urls.To($"account/sponsorships/{s.Id}"),
            text.Format("Footer", fundName, charity));
        var html = await renderer.RenderAsync<SponsorshipChangeEmail>(new Dictionary<string, object?> { ["Notice"] = notice });
        await outbox.QueueAsync(
            $"fund-move:{moveId}:{s.Id}",
            EmailCategory.Transactional,
            donor.Id,
            donor.Email,
            donor.Name,
            new RenderedEmail(notice.Subject, html, notice.Text()),
            cancellationToken);
    }

    private SponsorshipChangeNotice Notice(
        SponsorshipChangeKind kind,
        Donor donor,
        Sponsorship s,
        string fund,
        (string FundName, DateOnly? NextPeriodStart) before,
        bool byStaff)
    {
        var text = SponsorshipChangeEmailText.For(donor.Language);
        var amount = s.ChargeAmount.Format(text.Culture);
        var next = text.Day(s.NextPeriodStart);
        object[] values = kind switch
        {
            SponsorshipChangeKind.Paused => [fund, text.Day(s.PausedUntil), amount, next],
            SponsorshipChangeKind.Skipped => [fund, text.Day(before.NextPeriodStart), amount, next],
            SponsorshipChangeKind.FundChanged => [fund, amount, before.FundName, next],
            SponsorshipChangeKind.DayChanged => [fund, amount, s.ChargeDay, next],
            SponsorshipChangeKind.IntervalChanged => [fund, amount, text[$"Interval_{s.Interval}"], next],
            SponsorshipChangeKind.Cancelled => [fund],
            _ => [fund, amount, next],
        };
        var charity = portal.Value.CharityName;
        return new SponsorshipChangeNotice(
            text.Language,
            charity,
            text.Format($"Subject_{kind}", values),
            text.Format("Greeting", donor.Name),
            [text.Format($"Body_{kind}", values), text[byStaff ? "ByStaff" : "NotYou"]],
            text["Action"],
            urls.To($"account/sponsorships/{s.Id}"),
            text.Format("Footer", fund, charity));
    }
}

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
    public async Task QueueAsync(
        SponsorshipChangeKind kind,
        Donor donor,
        Sponsorship after,
        int version,
        string fundName,
        (string FundName, DateOnly? NextPeriodStart) before,
        CancellationToken cancellationToken)
    {
        var notice = Notice(kind, donor, after, fundName, before);
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

    private SponsorshipChangeNotice Notice(
        SponsorshipChangeKind kind, Donor donor, Sponsorship s, string fund, (string FundName, DateOnly? NextPeriodStart) before)
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
            SponsorshipChangeKind.Cancelled => [fund],
            _ => [fund, amount, next],
        };
        var charity = portal.Value.CharityName;
        return new SponsorshipChangeNotice(
            text.Language,
            charity,
            text.Format($"Subject_{kind}", values),
            text.Format("Greeting", donor.Name),
            [text.Format($"Body_{kind}", values), text["NotYou"]],
            text["Action"],
            urls.To($"account/sponsorships/{s.Id}"),
            text.Format("Footer", fund, charity));
    }
}

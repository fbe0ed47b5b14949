using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Sponsorships;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

/// <summary>
/// A signed-in donor pauses, skips, changes and cancels their own monthly sponsorship from its page. The class shares
/// one portal per provider; each test gives as donors of its own.
/// </summary>
public class SponsorshipSelfServiceTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    [Theory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_donor_pauses_resumes_skips_changes_and_cancels_from_the_dashboard(DatabaseProvider provider)
    {
        var portal = await shared.GetAsync(provider);
        var adaEmail = SharedPortal.Email();
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, adaEmail);
        await donor.SignInAsync(portal, adaEmail);
        var id = await SponsorshipIdAsync(portal, adaEmail);
        var url = $"/account/sponsorships/{id}";

        Assert.Contains(url, await donor.TextAsync("/account"), StringComparison.Ordinal);
        var page = await donor.TextAsync(url);
        Assert.Contains("Your next payment of", page, StringComparison.Ordinal);
        Assert.Contains("Paid", page, StringComparison.Ordinal);

        await ChangeAsync(portal, donor, id, "Pause", new() { ["Input.Months"] = "2" }, "Paused. Nothing is charged before");
        Assert.Equal(SponsorshipStatus.Paused, (await LoadAsync(portal, id)).Status);
        await ChangeAsync(portal, donor, id, "Resume", [], "Welcome back");
        await ChangeAsync(portal, donor, id, "Skip", [], "is skipped");
        await ChangeAsync(portal, donor, id, "Amount", new() { ["Input.Amount"] = "45" }, "you give €45.00");
        await ChangeAsync(portal, donor, id, "Fund", new() { ["Input.FundSlug"] = "ibarra" }, "your gift goes to");
        await ChangeAsync(portal, donor, id, "Day", new() { ["Input.ChargeDay"] = "31" }, "Your next payment is on");
        var next = (await LoadAsync(portal, id)).NextPeriodStart;
        await ChangeAsync(portal, donor, id, "Interval", new() { ["Input.Interval"] = "Quarterly" }, "You now give every quarter.");
        Assert.Equal((SponsorshipInterval.Quarterly, next), ((await LoadAsync(portal, id)).Interval, (await LoadAsync(portal, id)).NextPeriodStart));
        await ChangeAsync(
            portal,
            donor,
            id,
            "Cancel",
            new() { ["Input.CancelReasonCode"] = "cannot_afford", ["Input.CancelReason"] = "Thanks", ["Input.Confirmed"] = "true" },
            "is cancelled");

        var s = await LoadAsync(portal, id);
        Assert.Equal((SponsorshipStatus.Cancelled, 4500L, 31, "cannot_afford"), (s.Status, s.AmountMinor, s.ChargeDay, s.CancelReasonCode));
        var actions = await portal.QueryAsync(
            db => db.AuditRecords.Where(a => a.Subject == $"sponsorship:{id}").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(
            [
                "sponsorship.paused",
                "sponsorship.resumed",
                "sponsorship.skipped",
                "sponsorship.amount-changed",
                "sponsorship.fund-changed",
                "sponsorship.charge-day-changed",
                "sponsorship.interval-changed",
                "sponsorship.cancelled",
            ],
            actions);
    }

    [Fact]
    public async Task Each_change_is_confirmed_by_one_email_in_the_donors_language_even_when_its_form_is_posted_twice()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var portal = await PortalFactory.CreateAsync(overrides: smtp.SmtpSettings());
        var email = SharedPortal.Email();
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, email);
        await donor.SignInAsync(portal, email, smtp);
        var id = await SponsorshipIdAsync(portal, email);
        await portal.QueryAsync(db => db.Donors.Where(d => d.Email == email).ExecuteUpdateAsync(set => set.SetProperty(d => d.Language, "de")));
        await portal.RunJobsAsync();
        smtp.Messages.Clear();

        // The pause's form, posted twice (a double click, a resubmitted page): one pause, one e-mail.
        var pause = new Dictionary<string, string>
        {
            ["Input.Months"] = "2",
            ["Input.Version"] = (await LoadAsync(portal, id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(donor, id, "Pause", new(pause))).StatusCode);
        var again = await PostAsync(donor, id, "Pause", new(pause));
        // The page speaks the donor's saved language, as the e-mails do.
        var meanwhile = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync());
        Assert.Contains("hat sich geändert, während Sie sie angesehen haben", meanwhile, StringComparison.Ordinal);
        await portal.RunJobsAsync();
        await portal.RunJobsAsync();
        var paused = Assert.Single(smtp.Messages);
        var pausedUntil = (await LoadAsync(portal, id)).PausedUntil!.Value;
        smtp.Messages.Clear();

        await ChangeAsync(portal, donor, id, "Resume", [], "Willkommen zurück");
        await ChangeAsync(portal, donor, id, "Skip", [], "wird übersprungen");
        await ChangeAsync(portal, donor, id, "Amount", new() { ["Input.Amount"] = "45" }, "spenden Sie");
        await ChangeAsync(portal, donor, id, "Fund", new() { ["Input.FundSlug"] = "ibarra" }, "geht Ihre Spende an");
        var day = ((await LoadAsync(portal, id)).ChargeDay % 28) + 1;
        await ChangeAsync(portal, donor, id, "Day", new() { ["Input.ChargeDay"] = $"{day}" }, "Ihre nächste Zahlung ist am");
        var amount = (await LoadAsync(portal, id)).ChargeAmount;
        await ChangeAsync(
            portal, donor, id, "Cancel", new() { ["Input.CancelReasonCode"] = "other", ["Input.Confirmed"] = "true" }, "ist gekündigt");
        await portal.RunJobsAsync();
        await portal.RunJobsAsync();

        var (nairobi, ibarra) = await portal.QueryAsync(async db => (
            await db.Funds.Where(f => f.Slug == "nairobi").Select(f => f.Name).SingleAsync(),
            await db.Funds.Where(f => f.Slug == "ibarra").Select(f => f.Name).SingleAsync()));
        var german = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        Assert.Equal(email, paused.To.Mailboxes.Single().Address);
        Assert.Equal($"Ihre Patenschaft für {nairobi} ist pausiert", paused.Subject);
        Assert.Contains($"Vor dem {pausedUntil.ToString("d. MMMM yyyy", german)} wird nichts abgebucht", paused.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/account/sponsorships/{id}", paused.TextBody, StringComparison.Ordinal);
        var subjects = smtp.Messages.Select(m => m.Subject ?? "").ToList();
        Assert.Equal(
            new[]
            {
                $"Ihre Patenschaft für {nairobi} geht weiter",
                $"Der Betrag Ihrer Patenschaft für {nairobi} wurde geändert",
                $"Ihre Patenschaft geht nun an {ibarra}",
                $"Der Zahlungstag Ihrer Patenschaft für {ibarra} wurde geändert",
                $"Ihre Patenschaft für {ibarra} ist gekündigt",
            }.Order(StringComparer.Ordinal),
            subjects.Where(s => !s.StartsWith("Ihre Zahlung vom ", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var skipped = Assert.Single(subjects, s => s.StartsWith("Ihre Zahlung vom ", StringComparison.Ordinal));
        Assert.EndsWith($"für {nairobi} entfällt", skipped, StringComparison.Ordinal);
        Assert.Contains(
            $"nun {amount.Format(german)} je Zahlung",
            smtp.Messages.Single(m => m.Subject?.Contains("Betrag", StringComparison.Ordinal) == true).TextBody,
            StringComparison.Ordinal);
        Assert.Equal(6, smtp.Messages.Count);
    }

    [Fact]
    public async Task Cancelling_asks_first_saying_what_stops_and_a_cancelled_sponsorship_offers_no_changes_anywhere()
    {
        var portal = await shared.GetAsync();
        var email = SharedPortal.Email();
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, email);
        await donor.SignInAsync(portal, email);
        var id = await SponsorshipIdAsync(portal, email);
        var before = await LoadAsync(portal, id);
        var version = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var asked = await PostAsync(donor, id, "Cancel", new() { ["Input.CancelReasonCode"] = "one_off", ["Input.Version"] = version });
        var question = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal((SponsorshipStatus.Active, before.Version), ((await LoadAsync(portal, id)).Status, (await LoadAsync(portal, id)).Version));
        Assert.Equal(0, await portal.QueryAsync(db => db.AuditRecords.CountAsync(a => a.Subject == $"sponsorship:{id}")));
        var culture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        Assert.Contains(
            $"Your next payment of {before.ChargeAmount.Format(culture)} on {before.NextPeriodStart!.Value.ToString("d MMMM yyyy", culture)}",
            System.Text.RegularExpressions.Regex.Replace(question, @"<[^>]+>|\s+", m => m.Value.StartsWith('<') ? "" : " "),
            StringComparison.Ordinal);
        Assert.Contains("The news we send to the sponsors of", question, StringComparison.Ordinal);
        Assert.Contains(">Yes, cancel</button>", question, StringComparison.Ordinal);
        Assert.Contains($"href=\"/account/sponsorships/{id}\">Keep my sponsorship</a>", question, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Confirmed\" value=\"true\"", question, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.CancelReasonCode\" value=\"one_off\"", question, StringComparison.Ordinal);
        Assert.DoesNotContain("Pause my sponsorship", question, StringComparison.Ordinal);

        await ChangeAsync(
            portal, donor, id, "Cancel", new() { ["Input.CancelReasonCode"] = "one_off", ["Input.Confirmed"] = "true" }, "is cancelled");

        var account = await donor.TextAsync("/account");
        var page = await donor.TextAsync($"/account/sponsorships/{id}");
        Assert.Equal(SponsorshipStatus.Cancelled, (await LoadAsync(portal, id)).Status);
        Assert.DoesNotContain("Pause, change or cancel", account, StringComparison.Ordinal);
        Assert.Contains($"href=\"/account/sponsorships/{id}\">See its payments", account, StringComparison.Ordinal);
        var offers = new[] { "Pause my sponsorship", "Skip the next payment", "Change the amount", "Cancel my sponsorship", "handler=Pause" };
        foreach (var offer in offers)
        {
            Assert.DoesNotContain(offer, page, StringComparison.Ordinal);
        }

        // One word for the status on both pages.
        Assert.Contains("<span class=\"status \">Cancelled</span>", account, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status \">Cancelled</span>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Stopped", account + page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Amount", "Input.Amount", "4", "Enter an amount between")]
    [InlineData("Amount", "Input.Amount", "lots", "Enter an amount such as 25")]
    [InlineData("Day", "Input.ChargeDay", "40", "Choose a day from 1 to 31.")]
    [InlineData("Pause", "Input.Months", "9", "Choose a pause of 1 to 6 months.")]
    [InlineData("Fund", "Input.FundSlug", "nowhere", "Choose a village or program from the list.")]
    [InlineData("Cancel", "Input.CancelReason", "x", "Choose the reason closest to yours.")]
    public async Task A_bad_input_is_named_next_to_its_field_and_changes_nothing(string handler, string field, string value, string message)
    {
        var portal = await shared.GetAsync();
        var adaEmail = SharedPortal.Email();
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, adaEmail);
        await donor.SignInAsync(portal, adaEmail);
        var id = await SponsorshipIdAsync(portal, adaEmail);
        var before = await LoadAsync(portal, id);

        var response = await PostAsync(
            donor,
            id,
            handler,
            new() { [field] = value, ["Input.Version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before.Version, (await LoadAsync(portal, id)).Version);
        Assert.Equal(0, await portal.QueryAsync(db => db.AuditRecords.CountAsync(a => a.Subject == $"sponsorship:{id}")));
    }

    [Fact]
    public async Task A_form_from_before_another_change_asks_the_donor_to_look_again()
    {
        var portal = await shared.GetAsync();
        var adaEmail = SharedPortal.Email();
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, adaEmail);
        await donor.SignInAsync(portal, adaEmail);
        var id = await SponsorshipIdAsync(portal, adaEmail);
        var version = (await LoadAsync(portal, id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await PostAsync(donor, id, "Skip", new() { ["Input.Version"] = version });

        var stale = await PostAsync(donor, id, "Amount", new() { ["Input.Amount"] = "50", ["Input.Version"] = version });

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains(
            "changed while you were looking at it",
            WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
        Assert.Equal(3000, (await LoadAsync(portal, id)).AmountMinor);
    }

    [Fact]
    public async Task Another_donors_sponsorship_is_404_and_a_visitor_is_asked_to_sign_in()
    {
        var portal = await shared.GetAsync();
        var adaEmail = SharedPortal.Email();
        var graceEmail = SharedPortal.Email("grace");
        var ada = portal.Browser();
        var grace = portal.Browser();
        await DonorPathTests.GiveAsync(portal, ada, adaEmail);
        await DonorPathTests.GiveAsync(portal, grace, graceEmail);
        await ada.SignInAsync(portal, adaEmail);
        var graces = await SponsorshipIdAsync(portal, graceEmail);
        var version = (await LoadAsync(portal, graces)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var look = await ada.GetAsync($"/account/sponsorships/{graces}");
        var adas = await SponsorshipIdAsync(portal, adaEmail);
        var cancel = await PostAsync(
            ada, adas, "Cancel", new() { ["Input.CancelReasonCode"] = "other", ["Input.Version"] = version }, target: graces);
        var visitor = await portal.Browser().GetAsync($"/account/sponsorships/{graces}");

        Assert.Equal(HttpStatusCode.NotFound, look.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(SponsorshipStatus.Active, (await LoadAsync(portal, graces)).Status);
        Assert.Equal(HttpStatusCode.Redirect, visitor.StatusCode);
        Assert.StartsWith("/account/sign-in", visitor.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_German_donor_reads_what_happens_next_and_every_refusal_in_German_with_German_amounts_and_days()
    {
        var portal = await shared.GetAsync(DatabaseProvider.Sqlite);
        var email = SharedPortal.Email();
        var donor = portal.Browser();
        await DonorPathTests.GiveAsync(portal, donor, email);
        await portal.QueryAsync(db => db.Donors.Where(d => d.Email == email).ExecuteUpdateAsync(s => s.SetProperty(d => d.Language, "de")));
        donor.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        await donor.SignInAsync(portal, email);
        var id = await SponsorshipIdAsync(portal, email);

        await ChangeAsync(portal, donor, id, "Amount", new() { ["Input.Amount"] = "45" }, "Ab Ihrer nächsten Zahlung spenden Sie 45,00 €.");
        var pausedPage = await ChangeAsync(portal, donor, id, "Pause", new() { ["Input.Months"] = "2" }, "Pausiert. Vor dem ");
        var paused = await LoadAsync(portal, id);
        var german = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        Assert.Contains(
            $"Pausiert. Vor dem {paused.PausedUntil!.Value.ToString("d. MMMM yyyy", german)} wird nichts abgebucht; "
            + $"Ihre nächste Zahlung ist am {paused.NextPeriodStart!.Value.ToString("d. MMMM yyyy", german)}.",
            pausedPage,
            StringComparison.Ordinal);

        // Refusals built in Core with values: the amount rule and a pause while paused.
        var version = (await LoadAsync(portal, id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var badAmount = WebUtility.HtmlDecode(await (await PostAsync(
            donor, id, "Amount", new() { ["Input.Amount"] = "1000000", ["Input.Version"] = version })).Content.ReadAsStringAsync());
        Assert.Matches(@"Geben Sie einen Betrag zwischen \d+,\d\d € und [\d.]+,\d\d € ein\.", badAmount);
        var pausedAgain = WebUtility.HtmlDecode(await (await PostAsync(
            donor, id, "Pause", new() { ["Input.Months"] = "1", ["Input.Version"] = version })).Content.ReadAsStringAsync());
        var until = paused.PausedUntil.Value.ToString("d. MMMM yyyy", german);
        Assert.Contains($"Sie ist bis zum {until} pausiert.", pausedAgain, StringComparison.Ordinal);
        Assert.DoesNotContain("Enter an amount", badAmount, StringComparison.Ordinal);
        Assert.DoesNotContain("Resume it first", pausedAgain, StringComparison.Ordinal);
    }

    /// <summary>Posts a change and returns the page it leads to, which must say <paramref name="confirmation"/>.</summary>
    private static async Task<string> ChangeAsync(
        PortalFactory portal,
        HttpClient donor,
        Guid id,
        string handler,
        Dictionary<string, string> fields,
        string confirmation)
    {
        fields["Input.Version"] = (await LoadAsync(portal, id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await PostAsync(donor, id, handler, fields);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(
            response.StatusCode == HttpStatusCode.Redirect,
            $"{handler} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 3000)]}");
        var page = WebUtility.HtmlDecode(await donor.TextAsync(response.Headers.Location!.OriginalString));
        Assert.Contains(confirmation, page, StringComparison.Ordinal);
        return page;
    }

    /// <summary>Posts one of the page's forms, with the token of the donor's own page (<paramref name="target"/> defaults to it).</summary>
    private static Task<HttpResponseMessage> PostAsync(
        HttpClient donor,
        Guid id,
        string handler,
        Dictionary<string, string> fields,
        Guid? target = null) =>
        donor.PostAsync($"/account/sponsorships/{id}", fields, action: $"/account/sponsorships/{target ?? id}?handler={handler}");

    private static Task<Guid> SponsorshipIdAsync(PortalFactory portal, string email) =>
        portal.QueryAsync(
            db => db.Sponsorships.Where(s => db.Donors.Any(d => d.Id == s.DonorId && d.Email == email)).Select(s => s.Id).SingleAsync());

    private static Task<Sponsorship> LoadAsync(PortalFactory portal, Guid id) =>
        portal.QueryAsync(db => db.Sponsorships.AsNoTracking().SingleAsync(s => s.Id == id));
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Ledger;
using Portal.Core.Sponsorships;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

/// <summary>
/// A donor's whole first gift through the pages, the sandbox checkout, the event inbox and the ledger. The first gift
/// reads the whole ledger on a portal of its own; the other tests share one, each with donors of its own.
/// </summary>
public class DonorPathTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Real), MemberType = typeof(Providers))]
    public async Task A_monthly_sponsorship_is_paid_posted_receipted_and_shown_on_the_dashboard(DatabaseProvider provider)
    {
        await using var portal = await PortalFactory.CreateAsync(provider);
        var donor = portal.Browser();

        var form = await donor.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm());
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        var checkout = form.Headers.Location!;
        Assert.StartsWith("http://localhost/sandbox/checkout/cs_sandbox_", checkout.ToString(), StringComparison.Ordinal);

        var paid = await donor.PostAsync(
            checkout.PathAndQuery,
            new Dictionary<string, string> { ["Number"] = "4242 4242 4242 4242", ["Expiry"] = "12/34", ["Cvc"] = "123" });
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var thankYou = paid.Headers.Location!.PathAndQuery;
        Assert.Contains("Pending", await donor.TextAsync(thankYou), StringComparison.Ordinal);

        await portal.RunJobsAsync();

        var confirmed = await donor.TextAsync(thankYou);
        Assert.Contains("<p class=\"status ok\">Paid</p>", confirmed, StringComparison.Ordinal);
        var charge = await portal.QueryAsync(db => db.Charges.SingleAsync());
        Assert.Equal(ChargeStatus.Succeeded, charge.Status);
        Assert.Equal(3000, charge.AmountMinor);
        Assert.Equal(0, await portal.QueryAsync(db => db.JournalLines.SumAsync(l => l.AmountMinor)));
        Assert.Equal(-3000, await portal.QueryAsync(db => db.JournalLines.Where(
            l => db.JournalEntries.Any(e => e.Id == l.JournalEntryId && e.ChargeId == charge.Id)
                && l.Account!.Kind == AccountKind.FundIncome).SumAsync(l => l.AmountMinor)));

        await donor.SignInAsync(portal, "ada@example.org");
        var dashboard = await donor.TextAsync("/account");
        Assert.Contains("Children's Village Nairobi", dashboard, StringComparison.Ordinal);
        Assert.Contains("Active", dashboard, StringComparison.Ordinal);
        Assert.Contains($"Receipt {charge.ReceiptNumber}", dashboard, StringComparison.Ordinal);
        var receipt = await donor.TextAsync($"/account/receipts/{charge.Id}");
        Assert.Contains(charge.ReceiptNumber!, receipt, StringComparison.Ordinal);
        Assert.Contains("€30.00", receipt, StringComparison.Ordinal);
        var receiptMail = await Donors.LatestLinkAsync(portal, "ada@example.org", $"/account/receipts/{charge.Id}");
        Assert.Equal($"/account/receipts/{charge.Id}", receiptMail.AbsolutePath);

        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");
        var journal = await finance.TextAsync("/finance");
        Assert.Contains("Gift from Ada Lovelace to Children's Village Nairobi", journal, StringComparison.Ordinal);
        Assert.Contains("4000-KEN01-EUR", journal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_donor_sees_only_their_own_receipts()
    {
        var portal = await shared.GetAsync();
        var adaEmail = SharedPortal.Email();
        var graceEmail = SharedPortal.Email("grace");
        var ada = portal.Browser();
        var grace = portal.Browser();
        await GiveAsync(portal, ada, adaEmail);
        await GiveAsync(portal, grace, graceEmail);
        await ada.SignInAsync(portal, adaEmail);
        var graces = await portal.QueryAsync(db => db.Charges
            .Where(c => db.Sponsorships.Any(s => s.Id == c.SponsorshipId && db.Donors.Any(d => d.Id == s.DonorId && d.Email == graceEmail)))
            .SingleAsync());

        var response = await ada.GetAsync($"/account/receipts/{graces.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("grace", await ada.TextAsync("/account"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_dashboard_asks_a_visitor_to_sign_in()
    {
        var portal = await shared.GetAsync();

        var response = await portal.Browser().GetAsync("/account");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_used_sign_in_link_does_not_work_twice()
    {
        var portal = await shared.GetAsync();
        var adaEmail = SharedPortal.Email();
        var donor = portal.Browser();
        await GiveAsync(portal, donor, adaEmail);
        await donor.SignInAsync(portal, adaEmail);
        var link = await Donors.LatestLinkAsync(portal, adaEmail, "/account/sign-in/confirm?token=");

        var stranger = portal.Browser();
        var again = await stranger.PostAsync(link.PathAndQuery, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("This link no longer works", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task Donors_and_staff_sign_out_with_the_forms_on_their_pages()
    {
        var portal = await shared.GetAsync();
        var adaEmail = SharedPortal.Email();
        var donor = portal.Browser();
        await GiveAsync(portal, donor, adaEmail);
        await donor.SignInAsync(portal, adaEmail);
        var staff = portal.Browser();
        await staff.SignInAsStaffAsync(portal, "Finance");

        var donorOut = await donor.PostAsync("/account", new Dictionary<string, string>(), action: "/account/sign-out");
        var staffOut = await staff.PostAsync("/finance", new Dictionary<string, string>(), action: "/staff/logout");

        Assert.Equal(HttpStatusCode.Redirect, donorOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, staffOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await donor.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/finance")).StatusCode);
    }

    internal static async Task GiveAsync(PortalFactory portal, HttpClient donor, string email)
    {
        var form = await donor.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm(email));
        var paid = await donor.PostAsync(
            form.Headers.Location!.PathAndQuery,
            new Dictionary<string, string> { ["Number"] = "4242424242424242", ["Expiry"] = "12/34", ["Cvc"] = "123" });
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        await portal.RunJobsAsync();
    }
}

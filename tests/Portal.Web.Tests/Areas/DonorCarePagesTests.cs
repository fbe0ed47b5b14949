using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Donors;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Pages;

namespace Portal.Web.Tests.Areas;

/// <summary>
/// Donor care: finding a donor by any key, the donor's page, acting for them with a reason that is audited and
/// e-mailed; and the role matrix (DonorCare has no ledger, Communications cannot act for donors).
/// </summary>
public class DonorCarePagesTests
{
    [Fact]
    public async Task Donor_care_changes_how_often_a_donor_gives_and_a_fund_that_does_not_offer_it_is_refused()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        var donor = await portal.QueryAsync(db => db.Donors.SingleAsync());
        var sponsorship = await portal.QueryAsync(db => db.Sponsorships.SingleAsync());
        var care = portal.Browser();
        var member = await care.SignInAsStaffAsync(portal, "DonorCare");
        await care.TextAsync($"/donors/{donor.Id}");
        var fields = new Dictionary<string, string>
        {
            ["Change.SponsorshipId"] = sponsorship.Id.ToString(),
            ["Change.Version"] = sponsorship.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Change.Action"] = "interval",
            ["Change.Interval"] = "Yearly",
            ["Reason"] = "Donor phoned: once a year suits her better",
        };

        var changed = await care.PostAsync($"/donors/{donor.Id}", fields, action: $"/donors/{donor.Id}?handler=Change");
        fields["Change.Version"] = (sponsorship.Version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        fields["Change.Interval"] = "Once";
        var refused = await care.PostAsync($"/donors/{donor.Id}", fields, action: $"/donors/{donor.Id}?handler=Change");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var after = await portal.QueryAsync(db => db.Sponsorships.SingleAsync());
        Assert.Equal((Portal.Core.Sponsorships.SponsorshipInterval.Yearly, sponsorship.NextPeriodStart), (after.Interval, after.NextPeriodStart));
        var record = await portal.QueryAsync(db => db.AuditRecords.SingleAsync(r => r.Action == "sponsorship.interval-changed"));
        Assert.Equal(member.Email, record.ActorName);
        Assert.EndsWith("reason: Donor phoned: once a year suits her better", record.Details, StringComparison.Ordinal);
        var email = await portal.QueryAsync(db => db.OutboundEmails.SingleAsync(m => m.IdempotencyKey.StartsWith("sponsorship-change:")));
        Assert.Contains("every year", email.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Choose monthly, quarterly or yearly.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Donor_care_asks_finance_to_refund_a_gift_for_the_donor_once_and_finance_sees_it_in_its_queue()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        var donor = await portal.QueryAsync(db => db.Donors.SingleAsync());
        var charge = await portal.QueryAsync(db => db.Charges.SingleAsync());
        var care = portal.Browser();
        var member = await care.SignInAsStaffAsync(portal, "DonorCare");
        var page = await care.TextAsync($"/donors/{donor.Id}");
        var url = $"/donors/{donor.Id}";
        var fields = new Dictionary<string, string> { ["refundChargeId"] = charge.Id.ToString() };

        var withoutReason = await care.PostAsync(url, fields, action: $"{url}?handler=Refund");
        fields["Reason"] = "Donor phoned: gave twice by mistake";
        var asked = await care.PostAsync(url, fields, action: $"{url}?handler=Refund");
        var again = await care.PostAsync(url, fields, action: $"{url}?handler=Refund");

        Assert.Contains("Ask Finance to refund a gift", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains(
            "You have already asked for this payment back", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var request = await portal.QueryAsync(db => db.RefundRequests.SingleAsync());
        Assert.Equal((donor.Id, charge.Id), (request.DonorId, request.ChargeId));
        Assert.StartsWith("Donor phoned: gave twice by mistake", request.Reason, StringComparison.Ordinal);
        var record = await portal.QueryAsync(db => db.AuditRecords.SingleAsync(r => r.Action == "refund.request.submitted"));
        Assert.Equal((member.Email, $"donor:{donor.Id}"), (record.ActorName, record.Subject));
        Assert.Equal(0, await portal.QueryAsync(db => db.Refunds.CountAsync()));
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");
        Assert.Contains("Donor phoned: gave twice by mistake", await finance.TextAsync("/Finance/Refunds"), StringComparison.Ordinal);
        Assert.Contains("Donor phoned: gave twice by mistake", await care.TextAsync(url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Donor_care_finds_a_donor_by_email_and_changes_their_amount_with_a_reason()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        var donor = await portal.QueryAsync(db => db.Donors.SingleAsync());
        var sponsorship = await portal.QueryAsync(db => db.Sponsorships.SingleAsync());
        var care = portal.Browser();
        var member = await care.SignInAsStaffAsync(portal, "DonorCare");

        var found = await care.GetAsync("/donors?q=ADA%40example.org");
        var page = await care.TextAsync($"/donors/{donor.Id}");
        var fields = new Dictionary<string, string>
        {
            ["Change.SponsorshipId"] = sponsorship.Id.ToString(),
            ["Change.Version"] = sponsorship.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Change.Action"] = "amount",
            ["Change.Amount"] = "45",
        };
        var withoutReason = await care.PostAsync($"/donors/{donor.Id}", fields, action: $"/donors/{donor.Id}?handler=Change");
        fields["Reason"] = "Donor phoned: wants to give more";
        var changed = await care.PostAsync($"/donors/{donor.Id}", fields, action: $"/donors/{donor.Id}?handler=Change");

        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal($"/donors/{donor.Id}", found.Headers.Location!.OriginalString);
        Assert.Contains("Children's Village Nairobi", page, StringComparison.Ordinal);
        Assert.Contains(PaymentReferences.Print(donor.PaymentReference!), page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        var refused = WebUtility.HtmlDecode(await withoutReason.Content.ReadAsStringAsync());
        Assert.Contains("Say why (for the audit trail)", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(4500, (await portal.QueryAsync(db => db.Sponsorships.SingleAsync())).AmountMinor);
        var record = await portal.QueryAsync(db => db.AuditRecords.SingleAsync(r => r.Action == "sponsorship.amount-changed"));
        Assert.Equal(member.Email, record.ActorName);
        Assert.EndsWith("reason: Donor phoned: wants to give more", record.Details, StringComparison.Ordinal);
        var email = await portal.QueryAsync(db => db.OutboundEmails.SingleAsync(m => m.IdempotencyKey.StartsWith("sponsorship-change:")));
        Assert.Contains("Our donor care team made this change for you.", email.TextBody, StringComparison.Ordinal);
        var after = await care.TextAsync($"/donors/{donor.Id}");
        Assert.Contains("sponsorship.amount-changed", after, StringComparison.Ordinal);
        Assert.Contains("Donor phoned: wants to give more", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_note_is_kept_as_text_and_a_search_lists_donors_by_name()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        var donor = await portal.QueryAsync(db => db.Donors.SingleAsync());
        var finance = portal.Browser();
        await finance.SignInAsStaffAsync(portal, "Finance");

        var noted = await finance.PostAsync(
            $"/donors/{donor.Id}",
            new Dictionary<string, string> { ["Note"] = "<script>alert(1)</script> prefers letters" },
            action: $"/donors/{donor.Id}?handler=Note");
        var html = await (await finance.GetAsync($"/donors/{donor.Id}")).Content.ReadAsStringAsync();
        var list = await finance.TextAsync("/donors?q=lovel");
        var none = await finance.TextAsync("/donors?q=nobody%20at%20all");

        Assert.Equal(HttpStatusCode.Redirect, noted.StatusCode);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; prefers letters", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace", list, StringComparison.Ordinal);
        Assert.Contains("1 donors match.", list, StringComparison.Ordinal);
        Assert.Contains("No donor matches.", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Donor_care_has_no_ledger_and_communications_and_donors_cannot_act_for_donors()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        var donor = await portal.QueryAsync(db => db.Donors.SingleAsync());
        var care = portal.Browser();
        await care.SignInAsStaffAsync(portal, "DonorCare");
        var communications = portal.Browser();
        await communications.SignInAsStaffAsync(portal, "Communications");
        var signedInDonor = portal.Browser();
        await signedInDonor.SignInAsync(portal, "ada@example.org");

        Assert.Equal(HttpStatusCode.OK, (await care.GetAsync("/donors")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await care.GetAsync($"/donors/{donor.Id}")).StatusCode);
        foreach (var ledger in new[] { "/finance", "/finance/journal", "/finance/exports", "/communications", "/admin" })
        {
            var response = await care.GetAsync(ledger);
            Assert.False(response.IsSuccessStatusCode, $"DonorCare opened {ledger}");
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        }

        foreach (var client in new[] { communications, signedInDonor })
        {
            Assert.False((await client.GetAsync("/donors?q=ada%40example.org")).IsSuccessStatusCode);
            Assert.False((await client.GetAsync($"/donors/{donor.Id}")).IsSuccessStatusCode);
            Assert.False((await client.PostAsync($"/donors/{donor.Id}?handler=Note", new FormUrlEncodedContent([]))).IsSuccessStatusCode);
        }

        Assert.Empty(await portal.QueryAsync(db => db.AuditRecords.Where(r => r.Action.StartsWith("donor-care.")).ToListAsync()));
    }

    [Fact]
    public async Task Two_records_of_one_donor_are_offered_as_duplicates_and_merged_with_a_reason()
    {
        await using var portal = await PortalFactory.CreateAsync();
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada@example.org");
        await DonorPathTests.GiveAsync(portal, portal.Browser(), "ada.l@example.org");
        await portal.QueryAsync(db => db.Donors.ExecuteUpdateAsync(set => set.SetProperty(d => d.PostalCode, "SW1A 1AA")
            .SetProperty(d => d.PostalCodeKey, "SW1A1AA")));
        var kept = await portal.QueryAsync(db => db.Donors.SingleAsync(d => d.Email == "ada@example.org"));
        var merged = await portal.QueryAsync(db => db.Donors.SingleAsync(d => d.Email == "ada.l@example.org"));
        var care = portal.Browser();
        await care.SignInAsStaffAsync(portal, "DonorCare");

        var page = await care.TextAsync($"/donors/{kept.Id}");
        var merge = await care.PostAsync(
            $"/donors/{kept.Id}",
            new Dictionary<string, string>
            {
                ["OtherDonorId"] = merged.Id.ToString(),
                ["Reason"] = "Same person, two addresses",
                ["GatewayCustomersSeen"] = "true",
            },
            action: $"/donors/{kept.Id}?handler=Merge");
        var mergedPage = await care.TextAsync($"/donors/{merged.Id}");
        var keptPage = await care.TextAsync($"/donors/{kept.Id}");

        Assert.Contains("Likely the same person:", page, StringComparison.Ordinal);
        Assert.Contains("ada.l@example.org", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, merge.StatusCode);
        Assert.Equal(2, await portal.QueryAsync(db => db.Sponsorships.CountAsync(s => s.DonorId == kept.Id)));
        Assert.Contains("This donor was merged into another.", mergedPage, StringComparison.Ordinal);
        Assert.Contains("Undo the merge", keptPage, StringComparison.Ordinal);
        Assert.Contains("donor-care.merged", keptPage, StringComparison.Ordinal);
    }
}

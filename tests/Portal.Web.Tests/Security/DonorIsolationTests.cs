using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Consent;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Security;

/// <summary>
/// Donor A, signed in, puts donor B's ids in every route value, query and form field that carries one: each answer
/// is 404 (or the page's refusal) and the database is as it was.
/// </summary>
[Collection(SecuritySuite.Name)]
public class DonorIsolationTests(SecurityWorld world)
{
    public static readonly TheoryData<string> SponsorshipHandlers =
        new() { "Pause", "Resume", "Skip", "Amount", "Fund", "Day", "Cancel", "RefundRequest" };

    [Fact]
    public async Task Donor_A_cannot_open_donor_Bs_sponsorship_or_receipt()
    {
        var ada = world.A.Browser;

        Assert.Equal(HttpStatusCode.NotFound, (await ada.GetAsync($"/account/sponsorships/{world.B.SponsorshipId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ada.GetAsync($"/account/receipts/{world.B.ChargeId}")).StatusCode);
        // Her own still open: the 404s above are about whose they are.
        Assert.Equal(HttpStatusCode.OK, (await ada.GetAsync($"/account/sponsorships/{world.A.SponsorshipId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ada.GetAsync($"/account/receipts/{world.A.ChargeId}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(SponsorshipHandlers))]
    public async Task Donor_A_cannot_change_donor_Bs_sponsorship(string handler)
    {
        var before = await DatabaseSnapshot.TakeAsync(world.Portal);
        var version = await world.Portal.QueryAsync(db => Task.FromResult(db.Sponsorships.Single(s => s.Id == world.B.SponsorshipId).Version));

        var answer = await world.A.Browser.PostAsync(
            $"/account/sponsorships/{world.A.SponsorshipId}",
            new Dictionary<string, string>
            {
                ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Input.Months"] = "2",
                ["Input.Amount"] = "45",
                ["Input.FundSlug"] = "ibarra",
                ["Input.ChargeDay"] = "3",
                ["Input.CancelReasonCode"] = "cannot_afford",
                ["chargeId"] = world.B.ChargeId.ToString(),
                ["refundReason"] = "Not mine, but worth a try.",
            },
            $"/account/sponsorships/{world.B.SponsorshipId}?handler={handler}");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(world.Portal));
    }

    [Fact]
    public async Task Donor_A_cannot_ask_for_donor_Bs_payment_back_through_her_own_sponsorship()
    {
        var before = await DatabaseSnapshot.TakeAsync(world.Portal);

        var answer = await world.A.Browser.PostAsync(
            $"/account/sponsorships/{world.A.SponsorshipId}",
            new Dictionary<string, string> { ["chargeId"] = world.B.ChargeId.ToString(), ["refundReason"] = "Not mine." },
            $"/account/sponsorships/{world.A.SponsorshipId}?handler=RefundRequest");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Choose one of this sponsorship", WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(world.Portal));
    }

    [Fact]
    public async Task Donor_As_pages_and_files_show_nothing_of_donor_B()
    {
        var b = await world.Portal.QueryAsync(db => Task.FromResult(
            (db.Charges.Single(c => c.Id == world.B.ChargeId).ReceiptNumber!, world.B.Email, world.B.SponsorshipId.ToString())));
        foreach (var url in new[] { "/account", "/account?handler=Csv", "/account/payment-method", $"/account/sponsorships/{world.A.SponsorshipId}" })
        {
            var text = await world.A.Browser.TextAsync(url);
            Assert.DoesNotContain(b.Item1, text, StringComparison.Ordinal);
            Assert.DoesNotContain(b.Item2, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(b.Item3, text, StringComparison.OrdinalIgnoreCase);
        }

        // The tax statement's address names a year, never a donor: A's statement for the year B also gave in is A's.
        var statement = await world.A.Browser.GetAsync($"/account/tax-statements/{world.B.TaxYear}");
        Assert.Equal(HttpStatusCode.OK, statement.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.A.Browser.GetAsync($"/account/tax-statements/{world.B.TaxYear - 1}")).StatusCode);
    }

    [Fact]
    public async Task Donor_As_preferences_link_is_her_own()
    {
        var links = world.Portal.Services.GetRequiredService<UnsubscribeLinks>();

        var redirect = await world.A.Browser.GetAsync("/account/mail-preferences");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var token = redirect.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1];
        Assert.Equal(world.A.Id, links.Read(Uri.UnescapeDataString(token))?.DonorId);
    }
}

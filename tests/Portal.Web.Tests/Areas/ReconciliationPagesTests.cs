using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Ledger;
using Portal.Core.Reconciliation;
using Portal.Core.Refunds;
using Portal.Core.Sponsorships;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Webhooks;

namespace Portal.Web.Tests.Areas;

/// <summary>
/// The Finance pages for money going back and coming in, end to end through the fake Stripe: a donor asks for a
/// payment back, Finance refunds it (bad input refused first), a dispute shows its deadline, a payout is reconciled
/// and its exception resolved, and a month is closed.
/// </summary>
public class ReconciliationPagesTests
{
    [Fact]
    public async Task A_donor_request_is_refunded_a_dispute_shown_a_payout_reconciled_and_a_month_closed_from_the_pages()
    {
        await using var stripe = await StripePortal.CreateAsync();
        var sessionId = await StripePathTests.StartCheckoutAsync(stripe, Donors.SponsorForm());
        await stripe.DeliverAsync(stripe.Stripe.CompleteCheckout(sessionId));
        await stripe.Portal.RunJobsAsync();
        var charge = await stripe.Portal.QueryAsync(db => db.Charges.SingleAsync());
        var sponsorship = await stripe.Portal.QueryAsync(db => db.Sponsorships.SingleAsync());

        // The donor asks for the payment back from the sponsorship page.
        var donor = stripe.Portal.Browser();
        await donor.SignInAsync(stripe.Portal, "ada@example.org");
        var asked = await donor.PostAsync($"/account/sponsorships/{sponsorship.Id}", new Dictionary<string, string>
        {
            ["chargeId"] = charge.Id.ToString(),
            ["refundReason"] = "I gave twice by mistake",
        }, action: $"/account/sponsorships/{sponsorship.Id}?handler=RefundRequest");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("waiting for an answer", await donor.TextAsync($"/account/sponsorships/{sponsorship.Id}"), StringComparison.Ordinal);
        Assert.False((await donor.GetAsync("/finance/refunds")).IsSuccessStatusCode);

        var finance = stripe.Portal.Browser();
        await finance.SignInAsStaffAsync(stripe.Portal, "Finance");
        Assert.Contains("I gave twice by mistake", await finance.TextAsync("/finance/refunds"), StringComparison.Ordinal);

        // Bad input: a message, and nothing written.
        var refused = await finance.PostAsync("/finance/refunds", new Dictionary<string, string>
        {
            ["Input.Payment"] = charge.PaymentIntentId!,
            ["Input.Amount"] = "9999",
            ["Input.Kind"] = "requested_by_customer",
            ["Input.Reason"] = "Donor asked",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(
            "is left to refund on this payment",
            WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
        var noReason = await finance.PostAsync(
            "/finance/refunds",
            new Dictionary<string, string> { ["Input.Payment"] = "R-unknown", ["Input.Reason"] = "" });
        Assert.Contains("Give a reason", WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await stripe.Portal.QueryAsync(db => db.Refunds.CountAsync()));

        var requestId = await stripe.Portal.QueryAsync(db => db.RefundRequests.Select(r => r.Id).SingleAsync());
        var refunded = await finance
            .PostAsync($"/finance/refunds?payment={charge.PaymentIntentId}&request={requestId}", new Dictionary<string, string>
            {
                ["Input.Payment"] = charge.PaymentIntentId!,
                ["Input.Amount"] = "10.00",
                ["Input.Kind"] = "requested_by_customer",
                ["Input.Reason"] = "Donor gave twice",
                ["Input.RequestId"] = requestId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        Assert.Equal(HttpStatusCode.Redirect, refunded.StatusCode);
        Assert.Equal(RefundRequestStatus.Refunded, await stripe.Portal.QueryAsync(db => db.RefundRequests.Select(r => r.Status).SingleAsync()));
        Assert.Equal(RefundStatus.Succeeded, await stripe.Portal.QueryAsync(db => db.Refunds.Select(r => r.Status).SingleAsync()));
        Assert.Contains("refunded", await donor.TextAsync($"/account/sponsorships/{sponsorship.Id}"), StringComparison.Ordinal);
        var refundsCsv = Encoding.UTF8.GetString(await (await finance.GetAsync("/finance/refunds?handler=Csv")).Content.ReadAsByteArrayAsync());
        Assert.Contains("10.00,EUR,Succeeded,Donor gave twice", refundsCsv, StringComparison.Ordinal);

        // A dispute, with its evidence deadline on the page.
        var due = DateTimeOffset.UtcNow.AddDays(10);
        await stripe.DeliverAsync(stripe.Stripe.CreateDispute(charge.PaymentIntentId!, "fraudulent", due));
        await stripe.Portal.RunJobsAsync();
        var disputes = await finance.TextAsync("/finance/disputes");
        Assert.Contains("needs_response", disputes, StringComparison.Ordinal);
        Assert.Contains(
            due.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            disputes,
            StringComparison.Ordinal);
        Assert.Equal(ChargeStatus.Disputed, await stripe.Portal.QueryAsync(db => db.Charges.Select(c => c.Status).SingleAsync()));

        // A payout with a line that is not ours: its exception is resolved from the page, with a reason.
        var client = stripe.Stripe.CreateClient();
        await client.V1.PaymentIntents.CreateAsync(new Stripe.PaymentIntentCreateOptions
        {
            Amount = 500,
            Currency = "eur",
            PaymentMethod = Portal.FakeStripe.TestPaymentMethods.Visa,
            Confirm = true,
            OffSession = true,
            Customer = (await client.V1.Customers.CreateAsync(new Stripe.CustomerCreateOptions())).Id,
        });
        var (payout, events) = stripe.Stripe.PayOut("eur");
        await stripe.DeliverAsync(events);
        await stripe.Portal.RunJobsAsync();
        var payoutId = await stripe.Portal.QueryAsync(db => db.Payouts.Select(p => p.Id).SingleAsync());
        var details = await finance.TextAsync($"/finance/payouts/{payoutId}");
        Assert.Contains(payout.Id, details, StringComparison.Ordinal);
        Assert.Contains("UnmatchedGatewayLine", details, StringComparison.Ordinal);
        var exceptionId = await stripe.Portal.QueryAsync(db => db.ReconciliationExceptions.Select(e => e.Id).SingleAsync());
        var noWhy = await finance.PostAsync($"/finance/payouts/{payoutId}", new Dictionary<string, string>
        {
            ["id"] = exceptionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["how"] = "WrittenOff",
            ["reason"] = "",
        }, action: "/finance/payouts?handler=Resolve");
        Assert.Equal(HttpStatusCode.Redirect, noWhy.StatusCode);
        Assert.Equal(ExceptionStatus.Open, await stripe.Portal.QueryAsync(db => db.ReconciliationExceptions.Select(e => e.Status).SingleAsync()));
        var resolved = await finance.PostAsync($"/finance/payouts/{payoutId}", new Dictionary<string, string>
        {
            ["id"] = exceptionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["how"] = "WrittenOff",
            ["reason"] = "Test payment in the dashboard",
        }, action: "/finance/payouts?handler=Resolve");
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        Assert.Equal(
            ExceptionStatus.WrittenOff,
            await stripe.Portal.QueryAsync(db => db.ReconciliationExceptions.Select(e => e.Status).SingleAsync()));
        Assert.Equal(0, await stripe.Portal
            .QueryAsync(db => db.JournalLines.Where(l => l.Account!.Kind == AccountKind.GatewayClearing).SumAsync(l => l.AmountMinor)));
        var payoutsCsv = Encoding.UTF8.GetString(await (await finance.GetAsync("/finance/payouts?handler=Csv")).Content.ReadAsByteArrayAsync());
        Assert.Contains($"{payout.Id},stripe,", payoutsCsv, StringComparison.Ordinal);

        // Closing: a bad month is refused with a message; the current month cannot close; last month can.
        var badMonth = await finance.PostAsync("/finance/close", new Dictionary<string, string> { ["Month"] = "March" });
        Assert.Contains("YYYY-MM", WebUtility.HtmlDecode(await badMonth.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var thisMonth = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(
            "has not ended",
            WebUtility.HtmlDecode(await (await finance.PostAsync("/finance/close", new Dictionary<string, string> { ["Month"] = thisMonth }))
                .Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
        var lastMonth = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await finance.PostAsync("/finance/close", new Dictionary<string, string> { ["Month"] = lastMonth })).StatusCode);
        Assert.Contains($"{lastMonth}: closed by", await finance.TextAsync("/finance/close"), StringComparison.Ordinal);
        Assert.Equal(1, await stripe.Portal.QueryAsync(db => db.AuditRecords.CountAsync(a => a.Action == "ledger.period.closed")));
    }

    [Fact]
    public async Task Donors_and_communications_staff_cannot_open_the_reconciliation_pages()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var communications = portal.Browser();
        await communications.SignInAsStaffAsync(portal, "Communications");
        foreach (var client in new[] { communications, portal.Browser() })
        {
            foreach (var page in new[] {
                "/finance/refunds",
                "/finance/payouts",
                "/finance/payouts?handler=Csv",
                "/finance/disputes",
                "/finance/close",
                "/finance/refunds?handler=Csv" })
            {
                Assert.False((await client.GetAsync(page)).IsSuccessStatusCode, page);
            }
        }
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Runs;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

/// <summary>A period that needs the bank's confirmation: the e-mailed link works without sign-in and pays that period once.</summary>
public partial class ConfirmPaymentTests
{
    private const string AlwaysAuthenticate = "4000002760003184";

    [Fact]
    public async Task The_emailed_link_pays_the_period_on_the_hosted_page_once_and_then_says_so()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var donor = portal.Browser();
        var form = await donor.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm("ada@example.org"));
        var checkout = form.Headers.Location!.PathAndQuery;
        await PayWithAuthenticationAsync(donor, checkout);
        await portal.RunJobsAsync();

        // A month later the off-session charge needs the donor.
        var sponsorshipId = await DueNowAsync(portal);
        var run = await RunChargesAsync(portal);
        Assert.Equal(1, run.ActionRequired);
        var mail = await portal.QueryAsync(db => db.OutboundEmails.SingleAsync(m => m.IdempotencyKey.StartsWith("dunning:")));
        var link = LinkPattern().Match(mail.TextBody);
        Assert.True(link.Success, mail.TextBody);
        var path = new Uri(link.Value).PathAndQuery;

        var stranger = portal.Browser();
        var page = await stranger.TextAsync(path);
        Assert.Contains("Confirm the payment", page, StringComparison.Ordinal);
        Assert.Contains("Children's Village Nairobi", page, StringComparison.Ordinal);

        // A German reader reads the amount and the month in German.
        var due = await portal.QueryAsync(db => db.Charges.Where(c => c.SponsorshipId == sponsorshipId)
            .OrderByDescending(c => c.PeriodStart).Select(c => new { c.AmountMinor, c.Currency, c.PeriodStart }).FirstAsync());
        var german = portal.Browser();
        german.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        var germanPage = System.Net.WebUtility.HtmlDecode(await german.TextAsync(path));
        var culture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        Assert.Contains(new Portal.Core.Shared.Money(due.AmountMinor, Portal.Core.Shared.Currency.Of(due.Currency)).Format(culture), germanPage,
            StringComparison.Ordinal);
        Assert.Contains(due.PeriodStart.ToString("MMMM yyyy", culture), germanPage, StringComparison.Ordinal);
        Assert.Contains("Zahlung bestätigen", germanPage, StringComparison.Ordinal);
        var confirm = await stranger.PostAsync(path, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.StartsWith("/sandbox/checkout/", PathOf(confirm), StringComparison.Ordinal);
        await PayWithAuthenticationAsync(stranger, PathOf(confirm));
        await portal.RunJobsAsync();

        var charges = await portal.QueryAsync(
            db => db.Charges.Where(c => c.SponsorshipId == sponsorshipId).OrderBy(c => c.PeriodStart).ToListAsync());
        Assert.Equal(2, charges.Count);
        Assert.All(charges, c => Assert.Equal(ChargeStatus.Succeeded, c.Status));
        Assert.NotNull(charges[1].ReceiptNumber);
        Assert.Equal(2, await portal.QueryAsync(db => db.JournalEntries.CountAsync(e => e.ChargeId != null)));
        Assert.Contains("This payment is confirmed", await stranger.TextAsync(path), StringComparison.Ordinal);
        var again = await stranger.PostAsync(path, new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = Forms.Token(await stranger.GetStringAsync("/account/sign-in")) }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(2, await portal.QueryAsync(db => db.Charges.CountAsync()));
    }

    [Fact]
    public async Task A_forged_or_damaged_link_is_a_clear_not_found()
    {
        await using var portal = await PortalFactory.CreateAsync();
        var visitor = portal.Browser();

        var forged = await visitor.GetAsync("/pay/CfDJ8forged-token");
        var token = Forms.Token(await visitor.GetStringAsync("/account/sign-in"));
        var posted = await visitor.PostAsync(
            "/pay/CfDJ8forged-token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Contains("This link does not work any more", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
    }

    private static async Task PayWithAuthenticationAsync(HttpClient donor, string checkout)
    {
        var paid = await donor.PostAsync(
            checkout,
            new Dictionary<string, string> { ["Number"] = AlwaysAuthenticate, ["Expiry"] = "12/34", ["Cvc"] = "123" });
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var authenticate = PathOf(paid);
        Assert.Contains("/authenticate", authenticate, StringComparison.Ordinal);
        var approved = await donor.PostAsync(authenticate, new Dictionary<string, string> { ["approve"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
    }

    private static string PathOf(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location!.OriginalString;

    private static async Task<Guid> DueNowAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var sponsorship = await db.Sponsorships.SingleAsync();
        Assert.Equal(SponsorshipStatus.Active, sponsorship.Status);
        var today = scope.ServiceProvider.GetRequiredService<Portal.Core.Hosting.CharityCalendar>().Today;
        sponsorship.NextPeriodStart = today;
        await db.Charges.Where(c => c.SponsorshipId == sponsorship.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.PeriodStart, today.AddMonths(-1)));
        await db.SaveChangesAsync();
        return sponsorship.Id;
    }

    internal static async Task<ChargeRun> RunChargesAsync(PortalFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChargeRunner>().RunAsync("test", CancellationToken.None);
    }

    [GeneratedRegex(@"http://localhost/pay/\S+")]
    private static partial Regex LinkPattern();
}

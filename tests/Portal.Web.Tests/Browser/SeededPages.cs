using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Communications;
using Portal.Core.Communications.Consent;
using Portal.Core.Communications.Updates;
using Portal.Core.Reconciliation;
using Portal.Core.Spending;
using Portal.Core.Sponsorships.Dunning;
using Portal.Core.Staff;
using Portal.Core.Transparency.TaxStatements;
using Portal.Web.Tests.Areas;
using Portal.Web.Tests.Infrastructure;
using Portal.Web.Tests.Security;

namespace Portal.Web.Tests.Browser;

/// <summary>
/// Real things for every page to show, made the way people make them: a donor (signed in on <c>donorPage</c> after
/// <see cref="DonorJourney"/>) with a paid sponsorship and its receipt, a staff member of each role with an
/// authenticator, an update sent and one in draft with a picture, a published transparency report, a payout, open
/// sandbox checkouts, and the signed links of the donor's mail. <see cref="Urls"/> fills each route with them.
/// </summary>
public sealed partial class SeededPages
{
    private readonly Dictionary<string, string> values = new(StringComparer.OrdinalIgnoreCase);
    private string? thankYouSession;

    public Dictionary<string, StaffMember> Staff { get; } = [];

    public static async Task<SeededPages> SeedAsync(BrowserPortal browser, string donorEmail)
    {
        var portal = browser.Portal;
        var seeded = new SeededPages();
        foreach (var role in StaffRoles.All)
        {
            seeded.Staff[role] = await Infrastructure.Staff.CreateStaffAsync(portal, role);
        }

        var donor = await portal.QueryAsync(db => db.Donors.Where(d => d.Email == donorEmail)
            .Join(db.Sponsorships, d => d.Id, s => s.DonorId, (d, s) => new { Donor = d.Id, Sponsorship = s.Id }).SingleAsync());
        var charge = await portal.QueryAsync(db => db.Charges
            .Where(c => c.SponsorshipId == donor.Sponsorship && c.ReceiptNumber != null).Select(c => new { c.Id, c.Attempt }).SingleAsync());
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var year = (await services.GetRequiredService<DeductibleGifts>().YearsAsync(donor.Donor, CancellationToken.None)).Single();
            seeded.values["/account/tax-statements/ year"] = year.ToString(CultureInfo.InvariantCulture);
            var pay = services.GetRequiredService<PaymentLinks>().ConfirmUrl(charge.Id, charge.Attempt);
            seeded.values["/pay/ token"] = LastSegment(pay.AbsolutePath);
            seeded.values["/ token"] = services.GetRequiredService<UnsubscribeLinks>().Token(donor.Donor, MailTopics.ImpactUpdates);
            seeded.values["/mailbox/ file"] = services.GetRequiredService<MailboxFolder>().List()[0].Name;
        }

        seeded.values["/account/receipts/ id"] = charge.Id.ToString();
        seeded.values["/account/sponsorships/ id"] = donor.Sponsorship.ToString();
        seeded.values["/donors/ id"] = donor.Donor.ToString();
        seeded.values["/admin/staff/member/ id"] = await portal.QueryAsync(
            db => db.Users.Where(u => u.Email == seeded.Staff[StaffRoles.Finance].Email).Select(u => u.Id).SingleAsync());
        seeded.values["/finance/payouts/ id"] = (await AddPayoutAsync(portal)).ToString(CultureInfo.InvariantCulture);
        await seeded.CheckoutsAsync(browser);
        await seeded.CommunicationsAsync(browser);
        return seeded;
    }

    /// <summary>A new card for the donor's sponsorships: the hosted setup page stays open for the sweep.</summary>
    public async Task OpenCardSetupAsync(IPage donorPage)
    {
        await donorPage.GotoAsync("/account/payment-method");
        await donorPage.GetByRole(AriaRole.Button, new() { NameRegex = UpdateCard() }).ClickAsync();
        await donorPage.WaitForURLAsync("**/sandbox/setup/**");
        values["/sandbox/setup/ sessionId"] = LastSegment(new Uri(donorPage.Url).AbsolutePath);
    }

    /// <summary>The addresses of a route: one per value of a <c>regex(^(a|b)$)</c> parameter, seeded values elsewhere.</summary>
    public IEnumerable<string> Urls(EndpointCase endpoint)
    {
        var alternatives = Alternatives().Match(endpoint.Route);
        var choices = alternatives.Success ? alternatives.Groups[1].Value.Split('|') : [""];
        if (endpoint.Route == "/sponsor/thank-you")
        {
            // The checkout's session id is its only key, in the query.
            return [$"/sponsor/thank-you?session_id={Uri.EscapeDataString(thankYouSession!)}"];
        }

        return choices.Select(choice => EndpointAccessTests.Url(
            endpoint,
            parameter => choice.Length > 0 && endpoint.Route.Contains("{" + parameter + ":regex", StringComparison.Ordinal)
                ? choice
                : Value(endpoint.Route, parameter)));
    }

    private string Value(string route, string parameter) =>
        values.Where(v => v.Key.EndsWith(" " + parameter, StringComparison.Ordinal)
                && route.StartsWith(v.Key[..v.Key.LastIndexOf(' ')], StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(v => v.Key.Length).Select(v => v.Value).FirstOrDefault()
        ?? (parameter switch
        {
            "path" => "favicon.ico",
            "period" => "2025",
            _ => AccessTable.Sample(parameter, route),
        });

    private async Task CheckoutsAsync(BrowserPortal browser)
    {
        var visitor = Client(browser);
        var open = await visitor.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm("bo@example.org"));
        Assert.True(open.Headers.Location is not null, $"{open.StatusCode}: {await open.Content.ReadAsStringAsync()}");
        values["/sandbox/checkout/ sessionId"] = LastSegment(open.Headers.Location!.AbsolutePath);
        // The thank-you page of a checkout not paid yet: it waits for the payment, as a donor who came back early sees it.
        thankYouSession = values["/sandbox/checkout/ sessionId"];
        var asked = await visitor.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm("cy@example.org"));
        var paid = await visitor.PostAsync(
            asked.Headers.Location!.PathAndQuery,
            new Dictionary<string, string> { ["Number"] = "4000002760003184", ["Expiry"] = "12/34", ["Cvc"] = "123" });
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        values["/sandbox/checkout/{sessionId}/authenticate sessionId"] = Path(paid.Headers.Location!).Split('/')[^2];
    }

    private async Task CommunicationsAsync(BrowserPortal browser)
    {
        var portal = browser.Portal;
        var comms = Client(browser);
        await comms.SignInAsync(Staff[StaffRoles.Communications]);
        var nairobi = await portal.QueryAsync(db => db.Funds.Where(f => f.Slug == "nairobi").Select(f => f.Id).SingleAsync());

        var draft = Path((await comms.PostAsync("/communications/updates/edit", ImpactUpdatePagesTests.Fields(nairobi))).Headers.Location!);
        var draftId = LastSegment(draft);
        var edit = $"/communications/updates/edit/{draftId}";
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await ImpactUpdatePagesTests.UploadAsync(comms, edit, ImpactUpdatePagesTests.Picture(800, 400), "roof.png")).StatusCode);
        var body = await portal.QueryAsync(db => db.ImpactUpdates.Where(u => u.Id == Guid.Parse(draftId)).Select(u => u.BodyMarkdown).SingleAsync());
        values["/communications/updates/edit/ id"] = draftId;
        values["/communications/funds/edit/ id"] = nairobi.ToString();
        // A photo of Nairobi: its page shows a photo, not the drawing, and the photo's own address answers.
        var fundEdit = $"/communications/funds/edit/{nairobi}";
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await FundPhotoPagesTests.UploadPhotoAsync(
                comms, fundEdit, ImpactUpdatePagesTests.Picture(1200, 675), "Houses by a field", true)).StatusCode);
        var photo = await portal.QueryAsync(db => db.FundPhotos.Where(p => p.FundId == nairobi).Select(p => p.Id).FirstAsync());
        values["/funds/{slug}/photos/ id"] = photo.ToString();
        values["/updates/images/ id"] = Image().Match(body).Groups[1].Value;

        var sent = Path((await comms.PostAsync("/communications/updates/edit", ImpactUpdatePagesTests.Fields(nairobi, "Wells for the dry season")))
            .Headers.Location!);
        var version = await portal.QueryAsync(
            db => db.ImpactUpdates.Where(u => u.Id == Guid.Parse(LastSegment(sent))).Select(u => u.Version).SingleAsync());
        var send = await comms.PostAsync(
            sent,
            new Dictionary<string, string> { ["version"] = version.ToString(CultureInfo.InvariantCulture) },
            action: sent + "?handler=Send");
        Assert.Equal(HttpStatusCode.Redirect, send.StatusCode);
        await portal.Services.GetRequiredService<UpdateSends>().RunAsync(CancellationToken.None);
        values["/updates/ id"] = LastSegment(sent);
        values["/communications/updates/ id"] = LastSegment(sent);

        await portal.RecordNairobiSpending2025Async();

        var built = await comms.PostAsync(
            "/communications/reports",
            new Dictionary<string, string> { ["Period"] = "2025" },
            action: "/communications/reports?handler=Build");
        Assert.Equal(HttpStatusCode.Redirect, built.StatusCode);
        var report = await portal.QueryAsync(db => db.TransparencyReports
            .Where(r => r.PeriodKey == "2025" && r.FundId == nairobi).Select(r => r.Id).SingleAsync());
        var url = $"/communications/reports/{report}";
        var published = await comms.PostAsync(
            url,
            new Dictionary<string, string> { ["ConfirmNoChildData"] = "true" },
            action: url + "?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        values["/communications/reports/ id"] = report.ToString();
    }

    private static async Task<long> AddPayoutAsync(PortalFactory portal) => await portal.QueryAsync(async db =>
    {
        var payout = new Payout
        {
            Gateway = "stripe",
            GatewayPayoutId = "po_every_page",
            AmountMinor = 3000,
            Currency = "EUR",
            ArrivalDate = DateOnly.FromDateTime(DateTime.UtcNow),
            Status = PayoutStatus.Paid,
            GatewayCreatedAt = DateTime.UtcNow,
            ImportedAt = DateTime.UtcNow,
        };
        db.Payouts.Add(payout);
        await db.SaveChangesAsync();
        return payout.Id;
    });

    /// <summary>
    /// A browser-like client of the portal on Kestrel that keeps cookies and does not follow redirects (the factory's own
    /// clients aim at port 80 and follow them there).
    /// </summary>
    internal static HttpClient Client(BrowserPortal browser) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = new Uri(browser.BaseUrl),
        };

    private static string Path(Uri location) => location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];

    private static string LastSegment(string path) => path.Split('?')[0].TrimEnd('/').Split('/')[^1];

    [GeneratedRegex(@"\{\w+:regex\(\^\(([^)]*)\)\$\)\}")]
    private static partial Regex Alternatives();

    [GeneratedRegex(@"/updates/images/([0-9a-f-]+)")]
    private static partial Regex Image();

    [GeneratedRegex("Update (my |your )?card", RegexOptions.IgnoreCase)]
    private static partial Regex UpdateCard();
}

using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Portal.Core.Staff;
using Portal.Testing;
using Portal.Web.Pages.Sponsor;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Pages;

/// <summary>
/// Declined cards on the (sandbox) checkout page count per browser, per card and per fund in the shared counters and
/// stop new checkouts; a spike alerts Admin once; the optional challenge is checked against siteverify.
/// </summary>
public class CardTestingTests
{
    private const string Declines = "4000000000000002";

    [Fact]
    public async Task A_browser_whose_cards_are_declined_may_not_start_more_checkouts_and_others_still_may()
    {
        await using var portal = await PortalFactory.CreateAsync(overrides: new Dictionary<string, string?>
        {
            ["CardTesting:DeclinesPerSession"] = "2",
        });
        var bot = portal.Browser();
        await DeclineAsync(portal, bot, "bot1@example.org", Declines);
        await DeclineAsync(portal, bot, "bot2@example.org", "4000000000009995");

        var refused = await bot.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm("bot3@example.org"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many card payments from this browser were declined", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm("ada@example.org")))
            .StatusCode);
    }

    [Fact]
    public async Task One_card_declined_too_often_stops_the_browser_and_a_fund_over_its_limit_takes_no_checkouts()
    {
        await using var portal = await PortalFactory.CreateAsync(overrides: new Dictionary<string, string?>
        {
            ["CardTesting:DeclinesPerSession"] = "100",
            ["CardTesting:DeclinesPerFingerprint"] = "2",
            ["CardTesting:DeclinesPerFund"] = "3",
        });
        var bot = portal.Browser();
        await DeclineAsync(portal, bot, "bot1@example.org", Declines);
        await DeclineAsync(portal, bot, "bot2@example.org", Declines);
        var stopped = await bot.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm("bot3@example.org"));
        Assert.Equal(HttpStatusCode.TooManyRequests, stopped.StatusCode);

        await DeclineAsync(portal, portal.Browser(), "other@example.org", "4000000000009987");
        var fundClosed = await portal.Browser().PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm("ada@example.org"));

        Assert.Equal(HttpStatusCode.TooManyRequests, fundClosed.StatusCode);
        Assert.Contains("This fund takes no new card gifts for a short while", WebUtility.HtmlDecode(await fundClosed.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().PostAsync("/funds/gulu/sponsor", Donors.SponsorForm("ada@example.org")))
            .StatusCode);
    }

    [Fact]
    public async Task A_spike_of_declines_alerts_each_active_Admin_once_per_window_and_again_in_the_next_window()
    {
        await using var smtp = TestSmtpServer.Start();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = smtp.SmtpSettings();
        settings["CardTesting:SpikeDeclines"] = "3";
        settings["CardTesting:SpikeMinutes"] = "10";
        // Every browser, card and fund stays far below its own limit: only the portal-wide spike is tested here.
        settings["CardTesting:DeclinesPerSession"] = "100";
        settings["CardTesting:DeclinesPerFingerprint"] = "100";
        settings["CardTesting:DeclinesPerFund"] = "100";
        settings["CheckoutLimits:PerIpPerHour"] = "100";
        await using var portal = await PortalFactory.CreateAsync(overrides: settings);
        portal.TestServices = services => services.AddSingleton<TimeProvider>(clock);
        var admin = await Staff.CreateStaffAsync(portal, StaffRoles.Admin);
        var former = await Staff.CreateStaffAsync(portal, StaffRoles.Admin);
        await DeactivateAsync(portal, former.Email, admin.Email);
        var admins = await portal.QueryAsync(db => (
            from user in db.Users
            join link in db.UserRoles on user.Id equals link.UserId
            join role in db.Roles on link.RoleId equals role.Id
            where role.Name == StaffRoles.Admin && user.Email != former.Email
            select user.Email!).ToListAsync());
        Assert.Equal(2, admins.Count);
        var staff = portal.Browser();
        await staff.SignInAsync(admin);

        await DeclineFromNewBrowsersAsync(portal, 2);
        Assert.Empty(SpikeAlerts(smtp));
        Assert.DoesNotContain("id=\"decline-spike\"", await staff.TextAsync("/admin"), StringComparison.Ordinal);

        await DeclineFromNewBrowsersAsync(portal, 1);
        var first = SpikeAlerts(smtp);
        Assert.Equal(admins.Order(), first.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(first, m => Assert.Contains("3 card payments were declined", m.TextBody, StringComparison.Ordinal));
        Assert.Equal(1, await SpikeWindowsAsync(portal));
        Assert.Contains("id=\"decline-spike\"", await staff.TextAsync("/admin"), StringComparison.Ordinal);

        await DeclineFromNewBrowsersAsync(portal, 2);
        Assert.Equal(2, SpikeAlerts(smtp).Count);
        Assert.Equal(1, await SpikeWindowsAsync(portal));

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.DoesNotContain("id=\"decline-spike\"", await staff.TextAsync("/admin"), StringComparison.Ordinal);
        await DeclineFromNewBrowsersAsync(portal, 2);
        Assert.Equal(2, SpikeAlerts(smtp).Count);
        await DeclineFromNewBrowsersAsync(portal, 1);

        var all = SpikeAlerts(smtp);
        Assert.Equal(4, all.Count);
        Assert.All(admins, email => Assert.Equal(2, all.Count(m => m.To.Mailboxes.Single().Address == email)));
        Assert.Equal(2, await SpikeWindowsAsync(portal));
        Assert.DoesNotContain(all, m => m.To.Mailboxes.Any(to => to.Address == former.Email));
    }

    [Fact]
    public async Task The_challenge_is_off_by_default_and_when_on_is_checked_against_siteverify()
    {
        using var siteverify = new FakeSiteverify();
        await using var portal = await PortalFactory.CreateAsync(overrides: new Dictionary<string, string?>
        {
            ["CardTesting:Challenge"] = "Turnstile",
            ["CardTesting:ChallengeSiteKey"] = "site-key",
            ["CardTesting:ChallengeSecretKey"] = "secret-key",
            ["CardTesting:ChallengeVerifyUrl"] = siteverify.Url,
        });
        var form = await portal.Browser().TextAsync("/funds/nairobi/sponsor");
        Assert.Contains("class=\"cf-turnstile\" data-sitekey=\"site-key\"", form, StringComparison.Ordinal);

        var without = await portal.Browser().PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm("ada@example.org"));
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Contains(IndexModel.ChallengeFailed, WebUtility.HtmlDecode(await without.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var failing = Donors.SponsorForm("ada@example.org");
        failing["cf-turnstile-response"] = "robot";
        Assert.Equal(HttpStatusCode.BadRequest, (await portal.Browser().PostAsync("/funds/nairobi/sponsor", failing)).StatusCode);

        var passing = Donors.SponsorForm("ada@example.org");
        passing["cf-turnstile-response"] = "person";
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Browser().PostAsync("/funds/nairobi/sponsor", passing)).StatusCode);
        Assert.Contains("secret=secret-key", siteverify.Bodies.Last(), StringComparison.Ordinal);
        Assert.Equal(1, await portal.QueryAsync(db => db.Sponsorships.CountAsync()));

        await using var off = await PortalFactory.CreateAsync();
        Assert.DoesNotContain("cf-turnstile", await off.Browser().TextAsync("/funds/nairobi/sponsor"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await off.Browser().PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm("ada@example.org")))
            .StatusCode);
    }

    /// <summary>Starts a checkout from <paramref name="browser"/> and tries a card that is declined; the event is applied.</summary>
    private static async Task DeclineAsync(PortalFactory portal, HttpClient browser, string email, string card)
    {
        var form = await browser.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm(email));
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        var tried = await browser.PostAsync(
            form.Headers.Location!.PathAndQuery,
            new Dictionary<string, string> { ["Number"] = card, ["Expiry"] = "12/34", ["Cvc"] = "123" });
        Assert.True(tried.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect);
        await portal.RunJobsAsync();
    }

    /// <summary>Declines a card once from each of <paramref name="count"/> new browsers, each as a new donor.</summary>
    private static async Task DeclineFromNewBrowsersAsync(PortalFactory portal, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await DeclineAsync(portal, portal.Browser(), SharedPortal.Email("bot"), Declines);
        }
    }

    /// <summary>The spike alerts the SMTP server received.</summary>
    private static List<MimeMessage> SpikeAlerts(TestSmtpServer smtp) =>
        [.. smtp.Messages.Where(m => m.Subject is { } subject && subject.StartsWith("Card testing?", StringComparison.Ordinal))];

    /// <summary>How many spike windows the outbox holds alerts for (each alert's key names its window).</summary>
    private static Task<int> SpikeWindowsAsync(PortalFactory portal) => portal.QueryAsync(async db =>
        (await db.OutboundEmails.Where(e => e.IdempotencyKey.StartsWith("declines.spike:")).Select(e => e.IdempotencyKey).ToListAsync())
            .Select(key => key.Split(':')[1]).Distinct().Count());

    /// <summary>An Admin deactivates another member's account, as on the staff page.</summary>
    private static async Task DeactivateAsync(PortalFactory portal, string email, string byEmail)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var actor = (await users.FindByEmailAsync(byEmail))!;
        var refused = await scope.ServiceProvider.GetRequiredService<StaffAdministration>()
            .DeactivateAsync((await users.FindByEmailAsync(email))!, actor.Id, byEmail, null);
        Assert.Null(refused);
    }

    /// <summary>A siteverify server on the loopback: the answer "person" passes, anything else fails.</summary>
    private sealed class FakeSiteverify : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly Task loop;

        public FakeSiteverify()
        {
            var port = System.Net.Sockets.TcpListener.Create(0) is var probe && Start(probe) is var p ? p : 0;
            Url = $"http://127.0.0.1:{port}/siteverify/";
            listener.Prefixes.Add(Url);
            listener.Start();
            loop = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public List<string> Bodies { get; } = [];

        public void Dispose()
        {
            listener.Stop();
            listener.Close();
        }

        private static int Start(System.Net.Sockets.TcpListener probe)
        {
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                lock (Bodies)
                {
                    Bodies.Add(body);
                }

                var answer = Encoding.UTF8.GetBytes(body.Contains("response=person", StringComparison.Ordinal)
                    ? "{\"success\":true}"
                    : "{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}");
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(answer);
                context.Response.Close();
            }
        }
    }
}

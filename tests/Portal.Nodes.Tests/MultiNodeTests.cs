using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Runs;
using Portal.Core.Staff;
using Portal.Jobs;
using Portal.Testing;

namespace Portal.Nodes.Tests;

/// <summary>
/// Two web nodes and two workers as separate processes on one PostgreSQL database, a load client on both web nodes,
/// charge runs and an impact update while a worker is killed and started again: every gift is applied once, every due
/// period charged once, nobody is mailed twice, a session works on both nodes, and the per-IP limit counts once.
/// </summary>
public partial class MultiNodeTests
{
    private const int Gifts = 40;
    private const int Renewals = 260;
    private const string UpdateTitle = "A new roof for the school";
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(4);

    [SkippableFact]
    public async Task Two_web_nodes_and_two_workers_do_each_thing_once_while_a_worker_is_killed_and_restarted()
    {
        await using var cluster = await Cluster.CreateAsync(new Dictionary<string, string>
        {
            ["CheckoutLimits__PerIpPerHour"] = Gifts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CheckoutLimits__PerEmailPerHour"] = "100",
            ["Charges__RequestsPerSecond"] = "40",
            ["Charges__BatchSize"] = "20",
            ["Charges__UnansweredAfter"] = "00:00:03",
            ["Charges__JoinRunsEvery"] = "00:00:01",
            ["Charges__WorkerSilence"] = "00:00:05",
            ["Updates__MessagesPerSecond"] = "25",
            ["Updates__BatchSize"] = "10",
            ["Updates__Connections"] = "2",
            ["Updates__ClaimMinutes"] = "1",
            ["Jobs__WorkerCount"] = "4",
        });
        var (finance, password, authenticatorKey) = await SeedAsync(cluster.Database);
        var web1 = cluster.Web("web1");
        var web2 = cluster.Web("web2");
        var worker1 = cluster.Worker("worker1");
        var worker2 = cluster.Worker("worker2");
        try
        {
            // The first node creates Hangfire's tables; the others start on them together.
            web1.Start();
            await web1.WaitUntilReadyAsync(Long);
            web2.Start();
            worker1.Start();
            worker2.Start();
            await web2.WaitUntilReadyAsync(Long);
            await WaitAsync(cluster, async db => await HangfireServersAsync(db) >= 2, "both workers' Hangfire servers");

            // A staff member signs in on one node and works on the other; a form read on one is posted to the other.
            var staff = new CookieContainer();
            using var staffOn1 = Cluster.Browser(web1, staff);
            using var staffOn2 = Cluster.Browser(web2, staff);
            var login = await staffOn1.GetStringAsync("/staff/login");
            var signedIn = await staffOn1.PostAsync("/staff/login", Form(login, ("Input.Email", finance), ("Input.Password", password)));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            // Finance needs its second factor: the authenticator code, on the other node.
            var secondStep = await staffOn2.GetStringAsync("/staff/login/two-factor");
            var code = AuthenticatorCode.At(authenticatorKey, DateTimeOffset.UtcNow);
            var secondFactor = await staffOn2.PostAsync("/staff/login/two-factor", Form(secondStep, ("Input.Code", code)));
            Assert.Equal(HttpStatusCode.Redirect, secondFactor.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await staffOn2.GetAsync("/finance")).StatusCode);

            // Gifts through the sandbox on both web nodes at once; the per-IP limit counts them together.
            var answers = await Task.WhenAll(Enumerable.Range(0, Gifts).Chunk(8).Select(async chunk =>
            {
                var done = new List<HttpStatusCode>();
                foreach (var i in chunk)
                {
                    done.Add(await GiveAsync(i % 2 == 0 ? web1 : web2, $"gift{i}@example.org"));
                }

                return done;
            }));
            Assert.All(answers.SelectMany(a => a), status => Assert.Equal(HttpStatusCode.Redirect, status));
            using (var bot1 = Cluster.Browser(web1, new CookieContainer()))
            using (var bot2 = Cluster.Browser(web2, new CookieContainer()))
            {
                var over1 = await bot1.PostAsync("/funds/nairobi/sponsor", SponsorForm("over1@example.org"));
                var over2 = await bot2.PostAsync("/funds/gulu/sponsor", SponsorForm("over2@example.org"));
                Assert.Equal(HttpStatusCode.TooManyRequests, over1.StatusCode);
                Assert.Equal(HttpStatusCode.TooManyRequests, over2.StatusCode);
            }

            // The workers apply the gateway's events (enqueued by the web nodes) and send the receipts.
            await WaitAsync(
                cluster,
                async db => await db.Charges.CountAsync(c => c.Status == ChargeStatus.Succeeded) == Gifts
                    && await db.OutboundEmails.CountAsync(m => m.SentAt != null) >= Gifts,
                "every gift applied and receipted");

            // A donor asks for a sign-in link on one node and uses it on the other.
            var donor = new CookieContainer();
            using (var donorOn1 = Cluster.Browser(web1, donor))
            using (var donorOn2 = Cluster.Browser(web2, donor))
            {
                var ask = await donorOn2.GetStringAsync("/account/sign-in");
                var asked = await donorOn2.PostAsync("/account/sign-in", Form(ask, ("Email", "gift3@example.org")));
                Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
                var link = await WaitForLinkAsync(cluster, "gift3@example.org");
                var confirm = await donorOn1.GetStringAsync(link);
                Assert.Equal(HttpStatusCode.Redirect, (await donorOn1.PostAsync(link, Form(confirm))).StatusCode);
                var account = WebUtility.HtmlDecode(await donorOn2.GetStringAsync("/account"));
                Assert.Contains("Children's Village", account, StringComparison.Ordinal);
            }

            // A month later: every gift is due again, with many more sponsors; and an update goes to a fund's sponsors.
            var (due, audience) = await MakeDueAndDraftUpdateAsync(cluster.Database);
            var runs = await staffOn2.GetStringAsync("/finance/runs");
            Assert.Equal(HttpStatusCode.Redirect, (await staffOn2.PostAsync("/finance/runs?handler=Start", Form(runs))).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await staffOn1.PostAsync("/finance/runs?handler=Start", Form(runs))).StatusCode);
            new RecurringJobManager(HangfireStorage(cluster.Database.ConnectionString)).Trigger(RecurringJobs.SendImpactUpdates);

            // Kill the worker that is charging, in the middle of its run, and start it again.
            var running = await WaitAsync(
                cluster,
                async db => await db.ChargeRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Status == ChargeRunStatus.Running && r.Succeeded >= 30),
                "a charge run under way");
            var victim = new[] { worker1, worker2 }.Single(w => running.Worker.EndsWith($"/{w.ProcessId}", StringComparison.Ordinal));
            await victim.KillAsync();
            await using (var db = cluster.Database.CreateContext())
            {
                // Killed in the middle: the run never finished.
                Assert.Equal(ChargeRunStatus.Running, (await db.ChargeRuns.AsNoTracking().SingleAsync(r => r.Id == running.Id)).Status);
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            victim.Start();

            // Runs after the restart ask the gateway about what the killed one left in flight, then charge the rest.
            await WaitAsync(
                cluster,
                async db =>
                {
                    if (await db.Charges.CountAsync(c => c.Status == ChargeStatus.Succeeded) == Gifts + due)
                    {
                        return true;
                    }

                    if (!await db.ChargeRuns.AnyAsync(r => r.Status == ChargeRunStatus.Running && r.Worker != running.Worker))
                    {
                        new RecurringJobManager(HangfireStorage(cluster.Database.ConnectionString))
                            .Trigger(RecurringJobs.ChargeDueSponsorships);
                        await Task.Delay(TimeSpan.FromSeconds(4));
                    }

                    return false;
                },
                "every due period charged");
            var update = await WaitAsync(
                cluster,
                async db => await db.ImpactUpdates.AsNoTracking().SingleAsync(u => u.Title == UpdateTitle) is { Status: UpdateStatus.Sent } sent
                    ? sent
                    : null,
                "the update sent to the end");

            // The killed worker's part fell silent and was marked abandoned; no run is left open.
            await WaitAsync(
                cluster,
                async db => !await db.ChargeRuns.AnyAsync(r => r.Status == ChargeRunStatus.Running),
                "every run closed");
            await using var check = cluster.Database.CreateContext();
            // Both workers took part in one run, each claiming its own periods. A worker that joins a run after its
            // periods are all claimed (the restarted one, say) adds a part that claims nothing: that is no fault.
            var parts = await check.ChargeRunParts.AsNoTracking().ToListAsync();
            Assert.Contains(parts.GroupBy(p => p.RunId), run => run.Where(p => p.Claimed > 0).Select(p => p.Worker).Distinct().Count() >= 2);
            Assert.Equal(ChargeRunStatus.Abandoned, (await check.ChargeRuns.AsNoTracking().SingleAsync(r => r.Id == running.Id)).Status);
            Assert.Contains(parts, p => p.RunId == running.Id && p.Status == ChargeRunStatus.Abandoned && p.Worker == running.Worker);

            // Every gift applied once: one succeeded charge per checkout, one journal entry per charge, one receipt each.
            var charges = await check.Charges.AsNoTracking().Where(c => c.Status == ChargeStatus.Succeeded).ToListAsync();
            Assert.Equal(Gifts + due, charges.Count);
            var entries = await check.JournalEntries.Where(e => e.ChargeId != null).GroupBy(e => e.ChargeId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(Gifts + due, entries.Count);
            Assert.All(entries, count => Assert.Equal(1, count));
            Assert.Equal(0, await check.JournalLines.SumAsync(l => l.AmountMinor));

            // Every due period charged once, at the gateway too: one payment per period, none left in flight.
            Assert.Equal(Gifts + due, charges.Select(c => (c.SponsorshipId, c.PeriodStart)).Distinct().Count());
            var payments = await check.SandboxPayments.AsNoTracking()
                .Where(p => p.Status == Portal.Core.Payments.Sandbox.SandboxPaymentStatus.Succeeded)
                .Select(p => new { p.SponsorshipId, p.ChargeId }).ToListAsync();
            Assert.Equal(Gifts + due, payments.Count);
            Assert.Equal(payments.Count, payments.Select(p => p.ChargeId).Distinct().Count());
            Assert.Equal(0, await check.Charges.CountAsync(c => c.Status == ChargeStatus.InFlight));

            // Nobody mailed twice: by the relay's own count, per recipient for the update and per message for the rest.
            var messages = cluster.Smtp.Messages.ToList();
            var updateMail = messages.Where(m => m.Subject == UpdateTitle).ToList();
            var perRecipient = updateMail.GroupBy(m => m.To.Mailboxes.Single().Address).ToList();
            Assert.All(perRecipient, g => Assert.Single(g));
            var deliveries = await check.UpdateDeliveries.AsNoTracking().Where(d => d.UpdateId == update.Id).ToListAsync();
            Assert.Equal(audience, deliveries.Count);
            Assert.All(deliveries, d => Assert.Contains(d.Status, new[] { DeliveryStatus.Sent, DeliveryStatus.Uncertain }));
            Assert.Equal(deliveries.Count(d => d.Status == DeliveryStatus.Sent), deliveries.Count(d => perRecipient.Any(g => g.Key == d.ToAddress)
                && d.Status == DeliveryStatus.Sent));
            Assert.True(perRecipient.Count >= deliveries.Count(d => d.Status == DeliveryStatus.Sent));
            Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());

            // The limit counted both nodes' checkouts once: the 40 allowed, the two over it refused.
            Assert.Equal(Gifts, await check.Sponsorships.CountAsync(s => s.CreatedAt > DateTime.UtcNow.AddHours(-1) && s.DonorId != Guid.Empty
                && check.Donors.Any(d => d.Id == s.DonorId && d.Email.StartsWith("gift"))));
            Assert.False(new[] { web1, web2, worker1, worker2 }.Any(n => n.HasExited), "a node stopped by itself");
        }
        catch (Exception error) when (error is not SkipException)
        {
            throw new InvalidOperationException($"{error.Message}{Environment.NewLine}{cluster.Output()}", error);
        }
    }

    /// <summary>The demo funds and a Finance account, written before any node starts (the nodes run in Production).</summary>
    private static async Task<(string Email, string Password, string AuthenticatorKey)> SeedAsync(TestDatabase database)
    {
        await using var services = PortalServices.Create(database);
        await services.InScopeAsync(scope => scope.GetRequiredService<SeedDemoContent>().RunAsync(CancellationToken.None));
        var email = "finance@charity.test";
        var password = await services.InScopeAsync(scope => scope.GetRequiredService<StaffAccounts>().CreateAsync(email, StaffRoles.Finance, "test"));
        var key = await services.InScopeAsync(scope => scope.GetRequiredService<StaffAccounts>().AddAuthenticatorAsync(email));
        return (email, password!, key);
    }

    /// <summary>A month later: the gifts' next periods are due, with many more sponsors (on the gifts' saved cards).</summary>
    private static async Task<(int Due, int Audience)> MakeDueAndDraftUpdateAsync(TestDatabase database)
    {
        await using var services = PortalServices.Create(database);
        await using var db = services.CreateContext();
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var now = DateTime.UtcNow;
        var gifts = await db.Sponsorships.Where(s => s.Status == SponsorshipStatus.Active).ToListAsync();
        foreach (var gift in gifts)
        {
            gift.NextPeriodStart = yesterday;
        }

        var nairobi = await db.Funds.SingleAsync(f => f.Slug == "nairobi");
        for (var i = 0; i < Renewals; i++)
        {
            var card = gifts[i % gifts.Count];
            var donor = new Donor
            {
                Email = $"sponsor{i}@example.org",
                NormalizedEmail = Donor.Normalize($"sponsor{i}@example.org"),
                Name = $"Sponsor {i}",
                CountryCode = "AT",
                MailConsents = Portal.Core.Communications.Consent.MailConsent.AllTopics,
                CreatedAt = now,
            };
            db.Donors.Add(donor);
            db.Sponsorships.Add(new Sponsorship
            {
                DonorId = donor.Id,
                FundId = nairobi.Id,
                AmountMinor = 2500,
                Currency = nairobi.Currency,
                Interval = SponsorshipInterval.Monthly,
                ChargeDay = yesterday.Day,
                Status = SponsorshipStatus.Active,
                ConsentTopics = Portal.Core.Communications.Consent.MailConsent.AllTopics,
                Gateway = card.Gateway,
                GatewayCustomerId = card.GatewayCustomerId,
                GatewayPaymentMethodId = card.GatewayPaymentMethodId,
                NextPeriodStart = yesterday,
                CreatedAt = now.AddMonths(-1),
                StartedAt = now.AddMonths(-1),
            });
        }

        var update = new ImpactUpdate
        {
            Title = UpdateTitle,
            BodyMarkdown = "The roof is on before the rains.",
            FundId = nairobi.Id,
            IncludeActive = true,
            Status = UpdateStatus.Scheduled,
            ScheduledFor = now.AddMinutes(-1),
            SentBy = "comms@charity.test",
            CreatedBy = "comms@charity.test",
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ImpactUpdates.Add(update);
        await db.SaveChangesAsync();
        var audience = await UpdateAudience.CountAsync(db, update, now, CancellationToken.None);
        return (gifts.Count + Renewals, audience);
    }

    private static async Task<HttpStatusCode> GiveAsync(NodeProcess node, string email)
    {
        using var browser = Cluster.Browser(node, new CookieContainer());
        var fund = email.Length % 2 == 0 ? "nairobi" : "gulu";
        var form = await browser.PostAsync($"/funds/{fund}/sponsor", SponsorForm(email));
        if (form.StatusCode != HttpStatusCode.Redirect)
        {
            return form.StatusCode;
        }

        var checkout = form.Headers.Location!.PathAndQuery;
        var page = await browser.GetStringAsync(checkout);
        var paid = await browser.PostAsync(checkout, Form(page, ("Number", "4242 4242 4242 4242"), ("Expiry", "12/34"), ("Cvc", "123")));
        return paid.StatusCode;
    }

    private static FormUrlEncodedContent SponsorForm(string email) => new(new Dictionary<string, string>
    {
        ["Input.Interval"] = "Monthly",
        ["Input.Currency"] = "EUR",
        ["Input.Preset"] = "30.00",
        ["Input.Amount"] = "30",
        ["Input.Name"] = "Ada Lovelace",
        ["Input.Email"] = email,
        ["Input.Country"] = "GB",
        ["Input.ConsentImpactUpdates"] = "true",
    });

    /// <summary>A form's fields with the anti-forgery token of the page it was read from.</summary>
    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields)
    {
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, "the page has no anti-forgery token");
        var values = fields.ToDictionary(f => f.Name, f => f.Value);
        values["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return new FormUrlEncodedContent(values);
    }

    private static async Task<string> WaitForLinkAsync(Cluster cluster, string email)
    {
        var until = DateTime.UtcNow + Long;
        while (DateTime.UtcNow < until)
        {
            var link = cluster.Smtp.Messages.Where(m => m.To.Mailboxes.Any(a => a.Address == email))
                .Select(m => SignInLink().Match(m.TextBody ?? "")).FirstOrDefault(m => m.Success);
            if (link is not null)
            {
                return new Uri(link.Value).PathAndQuery;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No sign-in link reached {email}.");
    }

    private static async Task<T> WaitAsync<T>(Cluster cluster, Func<PortalDbContext, Task<T?>> read, string what)
    {
        var until = DateTime.UtcNow + Long;
        while (DateTime.UtcNow < until)
        {
            await using (var db = cluster.Database.CreateContext())
            {
                if (await read(db) is { } value && value is not false)
                {
                    return value;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Waited {Long} for {what}.");
    }

    private static async Task<long> HangfireServersAsync(PortalDbContext db)
    {
        try
        {
            return (await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM hangfire.server").ToListAsync()).Single();
        }
        catch (Npgsql.PostgresException error) when (error.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    private static PostgreSqlStorage HangfireStorage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options, null), options);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"https?://\S+/account/sign-in/confirm\?token=\S+")]
    private static partial Regex SignInLink();
}

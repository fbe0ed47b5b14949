using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Funds;
using Portal.Core.Payments;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Sponsorships;
using Portal.Core.Sponsorships.Runs;
using Portal.Jobs;
using Portal.Testing;

namespace Portal.Nodes.Tests;

/// <summary>
/// A worker stopped with SIGTERM (as systemd or a container runtime stops it) in the middle of a charge run and a send:
/// it claims nothing more, finishes what it holds and records every answer, so nothing is left uncertain; started
/// again, it does the rest, each period charged once and each donor mailed once.
/// </summary>
public class GracefulStopTests
{
    private const int Due = 240;
    private const string Title = "Water for every house";

    [SkippableFact]
    public async Task A_worker_stopped_by_sigterm_finishes_what_it_holds_and_the_next_start_does_the_rest()
    {
        await using var cluster = await Cluster.CreateAsync(new Dictionary<string, string>
        {
            // The run is paced slower than the send (24 s for all), so the send is surely under way before the run
            // ends, even when it starts late on a loaded machine: the stop must find both in the middle.
            ["Charges__RequestsPerSecond"] = "10",
            ["Charges__BatchSize"] = "20",
            ["Charges__MaxConcurrency"] = "4",
            ["Updates__MessagesPerSecond"] = "20",
            ["Updates__BatchSize"] = "10",
            ["Updates__Connections"] = "2",
            ["Jobs__WorkerCount"] = "4",
            ["Jobs__ShutdownTimeout"] = "00:00:40",
        });
        await SeedAsync(cluster.Database);
        var worker = cluster.Worker("worker");
        try
        {
            worker.Start();
            await WaitAsync(cluster, async db => await Scalar(db, "SELECT count(*) AS \"Value\" FROM hangfire.server") >= 1, "the worker's server");
            var jobs = new RecurringJobManager(Storage(cluster.Database.ConnectionString));
            jobs.Trigger(RecurringJobs.ChargeDueSponsorships);
            jobs.Trigger(RecurringJobs.SendImpactUpdates);
            await WaitAsync(
                cluster,
                async db => await db.Charges.CountAsync(c => c.Status == ChargeStatus.Succeeded) >= 40
                    && await db.UpdateDeliveries.CountAsync(d => d.Status == DeliveryStatus.Sent) >= 40,
                "the run and the send under way");

            Assert.Equal(0, await worker.StopAsync(TimeSpan.FromSeconds(60)));

            await using (var db = cluster.Database.CreateContext())
            {
                var run = await db.ChargeRuns.AsNoTracking().SingleAsync();
                Assert.Equal(ChargeRunStatus.Stopped, run.Status);
                Assert.Null(run.Error);
                // Nothing uncertain: every claimed period was charged and its answer recorded; the rest is still due.
                Assert.Equal(0, await db.Charges.CountAsync(c => c.Status == ChargeStatus.InFlight));
                var recorded = await db.Charges.CountAsync(c => c.Status == ChargeStatus.Succeeded);
                Assert.InRange(recorded, 40, Due - 1);
                var paid = await db.SandboxPayments.CountAsync(p => p.Status == SandboxPaymentStatus.Succeeded && p.ChargeId != Guid.Empty);
                Assert.Equal(recorded, paid);
                Assert.Equal(recorded, run.Succeeded);
                // Every message handed to the relay is recorded as sent; the rest is queued again, none uncertain.
                var deliveries = await db.UpdateDeliveries.AsNoTracking().ToListAsync();
                Assert.DoesNotContain(deliveries, d => d.Status is DeliveryStatus.Sending or DeliveryStatus.Uncertain);
                Assert.Equal(Mailed(cluster).Count, deliveries.Count(d => d.Status == DeliveryStatus.Sent));
                Assert.Contains(deliveries, d => d.Status == DeliveryStatus.Queued);
            }

            // Started again, the worker takes the jobs Hangfire put back and finishes both.
            worker.Start();
            await WaitAsync(
                cluster,
                async db => await db.Charges.CountAsync(c => c.Status == ChargeStatus.Succeeded) == Due
                    && await db.ImpactUpdates.AnyAsync(u => u.Title == Title && u.Status == UpdateStatus.Sent),
                "the rest charged and sent");
            await using (var db = cluster.Database.CreateContext())
            {
                Assert.Equal(Due, await db.SandboxPayments.CountAsync(p => p.Status == SandboxPaymentStatus.Succeeded && p.ChargeId != Guid.Empty));
                Assert.Equal(Due, await db.Charges.Select(c => c.SponsorshipId).Distinct().CountAsync());
                var mailed = Mailed(cluster);
                Assert.Equal(Due, mailed.Count);
                Assert.Equal(Due, mailed.Distinct().Count());
            }
        }
        catch (Exception error) when (error is not SkipException)
        {
            throw new InvalidOperationException($"{error.Message}{Environment.NewLine}{cluster.Output()}", error);
        }
    }

    private static List<string> Mailed(Cluster cluster) =>
        cluster.Smtp.Messages.Where(m => m.Subject == Title).Select(m => m.To.Mailboxes.Single().Address).ToList();

    /// <summary>The demo funds; sponsors of one fund, due yesterday, on a saved sandbox card; an update to them.</summary>
    private static async Task SeedAsync(TestDatabase database)
    {
        await using (var services = PortalServices.Create(database))
        {
            await services.InScopeAsync(scope => scope.GetRequiredService<SeedDemoContent>().RunAsync(CancellationToken.None));
        }

        await using var db = database.CreateContext();
        var fund = await db.Funds.SingleAsync(f => f.Slug == "lviv");
        var now = DateTime.UtcNow;
        var yesterday = DateOnly.FromDateTime(now).AddDays(-1);
        db.SandboxPayments.Add(new SandboxPayment
        {
            Id = "pi_sandbox_saved",
            IdempotencyKey = "saved-card",
            Currency = fund.Currency,
            AmountMinor = 2500,
            Description = "The first gift, which saved the card",
            DonorEmail = "first@example.org",
            CustomerId = "cus_sandbox_shared",
            PaymentMethodId = "pm_sandbox_shared",
            PaymentMethodNumber = "4242424242424242",
            SaveForLater = true,
            Status = SandboxPaymentStatus.Succeeded,
            CreatedAt = now.AddMonths(-1),
            CompletedAt = now.AddMonths(-1),
        });
        for (var i = 0; i < Due; i++)
        {
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
                FundId = fund.Id,
                AmountMinor = 2500,
                Currency = fund.Currency,
                Interval = SponsorshipInterval.Monthly,
                ChargeDay = yesterday.Day,
                Status = SponsorshipStatus.Active,
                ConsentTopics = Portal.Core.Communications.Consent.MailConsent.AllTopics,
                Gateway = SandboxNames.Gateway,
                GatewayCustomerId = "cus_sandbox_shared",
                GatewayPaymentMethodId = "pm_sandbox_shared",
                NextPeriodStart = yesterday,
                CreatedAt = now.AddMonths(-1),
                StartedAt = now.AddMonths(-1),
            });
        }

        db.ImpactUpdates.Add(new ImpactUpdate
        {
            Title = Title,
            BodyMarkdown = "Every house has a tap now.",
            FundId = fund.Id,
            IncludeActive = true,
            Status = UpdateStatus.Scheduled,
            ScheduledFor = now.AddMinutes(-1),
            SentBy = "comms@charity.test",
            CreatedBy = "comms@charity.test",
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync();
    }

    private static async Task WaitAsync(Cluster cluster, Func<PortalDbContext, Task<bool>> done, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < until)
        {
            await using (var db = cluster.Database.CreateContext())
            {
                if (await done(db))
                {
                    return;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Waited 3 minutes for {what}.");
    }

    /// <summary>A count from Hangfire's tables; 0 while the first node has not created them yet.</summary>
    private static async Task<long> Scalar(PortalDbContext db, string sql)
    {
        try
        {
            return (await db.Database.SqlQueryRaw<long>(sql).ToListAsync()).Single();
        }
        catch (Npgsql.PostgresException error) when (error.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    private static PostgreSqlStorage Storage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options, null), options);
    }
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Communications.Updates;
using Portal.Core.Data;
using Portal.Core.Donors;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships;

namespace Portal.Bench;

/// <summary>
/// The <c>send</c> command: N consenting sponsors of one fund, one impact update to them, sent by the portal's own
/// send service (audience expansion, rendering, SMTP over reused connections, recording) to an SMTP sink in a child
/// process that counts messages and repeated recipients. Seeding is not timed; the peak is reset before the send.
/// </summary>
public static class SendBenchmark
{
    private const int Chunk = 5_000;

    public static async Task<BenchResult> RunAsync(int recipients, int connections, TextWriter progress, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-bench-send-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            await using var sink = await SmtpSinkProcess.StartAsync(cancellationToken);
            await using var provider = BenchPortal.CreateForMail(folder, progress, sink.Port, new Dictionary<string, string?>
            {
                ["Updates:Connections"] = connections.ToString(CultureInfo.InvariantCulture),
                ["Updates:MessagesPerSecond"] = "0",
                ["Updates:BatchSize"] = "200",
            });
            await BenchPortal.PrepareAsync(provider, cancellationToken);
            var (updateId, fundName) = await SeedAsync(provider, recipients, progress, cancellationToken);

            var peakReset = PeakMemory.Reset();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await provider.GetRequiredService<ExpandAudience>().RunAsync(updateId, cancellationToken);
            var expandSeconds = clock.Elapsed.TotalSeconds;
            var handed = await provider.GetRequiredService<UpdateSends>().SendAsync(updateId, cancellationToken);
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var peak = PeakMemory.PeakMiB();
            var (received, duplicates) = await sink.StatsAsync(cancellationToken);
            await using var db = await provider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
            var progressNow = await UpdateProgress.ReadAsync(db, updateId, cancellationToken);
            progress.WriteLine(
                $"update to the sponsors of {fundName}: {progressNow.Recipients} recipients, {progressNow.Sent} sent, "
                    + $"{progressNow.Failed} failed, {progressNow.Uncertain} uncertain; the sink received {received}");
            var clean = duplicates == 0 && received == recipients && progressNow.Sent == recipients && handed == recipients;
            return new BenchResult(
            [
                new("recipients", recipients.ToString(CultureInfo.InvariantCulture)),
                new("seconds", BenchResult.Number(seconds, "0.000")),
                new("rate_per_s", BenchResult.Number(recipients / seconds, "0")),
                new("peak_mb", BenchResult.Number(peak, "0.0")),
                new("duplicates", duplicates.ToString(CultureInfo.InvariantCulture)),
                new("received", received.ToString(CultureInfo.InvariantCulture)),
                new("sent", progressNow.Sent.ToString(CultureInfo.InvariantCulture)),
                new("failed", progressNow.Failed.ToString(CultureInfo.InvariantCulture)),
                new("expand_seconds", BenchResult.Number(expandSeconds, "0.000")),
                new("cpu_seconds", BenchResult.Number(cpuSeconds, "0.0")),
                new("connections", connections.ToString(CultureInfo.InvariantCulture)),
                new("peak_reset", peakReset ? "yes" : "no"),
            ], clean);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(Guid UpdateId, string FundName)> SeedAsync(
        IServiceProvider provider,
        int recipients,
        TextWriter progress,
        CancellationToken cancellationToken)
    {
        var contexts = provider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var now = provider.GetRequiredService<CharityCalendar>().UtcNow;
        await using var first = await contexts.CreateDbContextAsync(cancellationToken);
        var fund = await first.Funds.OrderBy(f => f.Slug).FirstAsync(f => f.Currency == "EUR", cancellationToken);
        for (var start = 0; start < recipients; start += Chunk)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(recipients, start + Chunk); i++)
            {
                var email = string.Create(CultureInfo.InvariantCulture, $"donor{i:D7}@bench.invalid");
                var donor = new Donor
                {
                    Email = email,
                    NormalizedEmail = Donor.Normalize(email),
                    Name = $"Donor {i}",
                    CountryCode = "AT",
                    Language = i % 3 == 0 ? "de" : "en",
                    MailConsents = Portal.Core.Communications.Consent.MailConsent.AllTopics,
                    CreatedAt = now
                };
                db.Donors.Add(donor);
                db.Sponsorships.Add(new Sponsorship
                {
                    DonorId = donor.Id,
                    FundId = fund.Id,
                    AmountMinor = 3000,
                    Currency = "EUR",
                    Interval = SponsorshipInterval.Monthly,
                    ChargeDay = 1,
                    Status = SponsorshipStatus.Active,
                    Gateway = "sandbox",
                    CreatedAt = now,
                    StartedAt = now,
                    ConsentTopics = Portal.Core.Communications.Consent.MailConsent.AllTopics
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            progress.WriteLine($"seeded {Math.Min(recipients, start + Chunk)} sponsors");
        }

        var update = new ImpactUpdate
        {
            Title = "A year of school for every child",
            FundId = fund.Id,
            IncludeActive = true,
            Status = UpdateStatus.Sending,
            ScheduledFor = now,
            BodyMarkdown = "## New classrooms\n\nThanks to you, **every child** in the village started the school year "
                + "with books, shoes and a warm meal.\n\n- 48 children enrolled\n- 2 new teachers\n\n[Read more](https://example.org/story)",
            CreatedBy = "bench",
            CreatedAt = now,
            UpdatedAt = now,
        };
        first.ImpactUpdates.Add(update);
        await first.SaveChangesAsync(cancellationToken);
        return (update.Id, fund.Name);
    }
}

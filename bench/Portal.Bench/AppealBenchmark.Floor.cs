using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core.Payments;
using Portal.Core.Payments.Stripe;
using Portal.Core.Shared;
using Stripe;

namespace Portal.Bench;

/// <summary>
/// <c>appeal --floor</c>: the appeal's two loads on this machine with the portal taken out. The same load client, the
/// same fake Stripe in its child process and the same events, against a Kestrel server in this process that does only
/// what no portal can leave out of a request: the sponsor form is read and the portal's own gateway creates the Checkout
/// Session at the fake (Stripe.net, the portal's options and idempotency key); a delivery is read and verified by the
/// portal's own <see cref="StripeWebhooks"/>, then answered 200. Nothing is stored, nothing applied, no page rendered.
/// What the floor reaches is the most any portal could reach here; the CPU a gift or an event takes at the floor is spent
/// before the portal does any work of its own, so it tells how much of each target's CPU budget is left for that work.
/// </summary>
public static partial class AppealBenchmark
{
    private static async Task<BenchResult> RunFloorAsync(AppealSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var folder = Path.Combine(Path.GetTempPath(), "portal-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await using var stripe = await FakeStripeProcess.StartAsync(cancellationToken);
            await using var floor = await FloorServer.StartAsync(folder, stripe, cancellationToken);
            var cpu = new CpuMeter(
            [
                ("floor server and client", () => Environment.CpuUsage.TotalTime.TotalSeconds),
                ("stripe", () => stripe.CpuTime.TotalSeconds),
            ]);
            var warmUpGifts = settings.WarmUpGifts;
            LedgerBench.Say(
                progress,
                clock,
                $"floor server on {floor.BaseUrl} (no portal: the form creates a checkout, a delivery is verified), fake Stripe on "
                    + $"{stripe.BaseUrl}; {warmUpGifts} warm-up gifts, then {settings.Donors}");
            var (warmUpRedirects, redirects) = (new ConcurrentQueue<Uri>(), new ConcurrentQueue<Uri>());
            using var gifts = LoadClient.Create(floor.BaseUrl, AppealSettings.GiftConnections);
            var warmUp = await GiftLoad.RunCountAsync(gifts, AppealSettings.GiftConnections, warmUpGifts, 0, warmUpRedirects, cancellationToken);
            LedgerBench.Say(progress, clock, $"warm-up: {warmUp.Gifts} posted, {warmUp.Errors} errors{Example(warmUp.FirstError)}");

            var peakReset = PeakMemory.Reset();
            LedgerBench.Say(progress, clock, $"peak reset; {PeakMemory.Parts(sqlite: false)}");
            var figures = new List<KeyValuePair<string, string>>
            {
                new("donors", BenchResult.Number(settings.Donors)),
                new("provider", "none"),
                new("floor", "true"),
            };

            var staticLoad = await StaticFileAsync(floor.BaseUrl, progress, clock);
            var (giftsCpu, giftsRuntime, giftsWall) = (cpu.Start(), RuntimeUse.Start(), Stopwatch.StartNew());
            var load = await GiftLoad.RunCountAsync(gifts, AppealSettings.GiftConnections, settings.Donors, 1, redirects, cancellationToken);
            var (giftsUsed, giftsRuntimeUse) = (giftsCpu(), giftsRuntime());
            giftsWall.Stop();
            LedgerBench.Say(
                progress,
                clock,
                $"gifts: {load.Gifts} posted: {load.GiftsPerSecond:0.0}/s, p50 {load.P50Ms:0.0} ms, p99 {load.P99Ms:0.0} ms, "
                    + $"{load.Errors} errors{Example(load.FirstError)}");

            // As in the portal's run: the warm-up gifts' events first, untimed, then the measured gifts' in the burst.
            using var webhooks = LoadClient.Create(floor.BaseUrl, AppealSettings.WebhookConnections);
            var warmUpSessions = SessionIds(stripe.BaseUrl, warmUpRedirects).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var (warmUpPath, warmUpEvents) = await stripe.CompleteCheckoutsAsync(folder, warmUpSessions, cancellationToken);
            var warmUpBurst = await WebhookBurst.RunAsync(webhooks, warmUpPath, WebhookSecret, AppealSettings.WebhookConnections, cancellationToken);
            var sessions = SessionIds(stripe.BaseUrl, redirects).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var (eventsPath, eventCount) = await stripe.CompleteCheckoutsAsync(folder, sessions, cancellationToken);
            LedgerBench.Say(
                progress,
                clock,
                $"the fake completed {sessions.Count} checkouts: {eventCount} events; delivering on {AppealSettings.WebhookConnections} connections");
            var (eventsCpu, eventsRuntime, eventsWall) = (cpu.Start(), RuntimeUse.Start(), Stopwatch.StartNew());
            var burst = await WebhookBurst.RunAsync(webhooks, eventsPath, WebhookSecret, AppealSettings.WebhookConnections, cancellationToken);
            var (eventsUsed, eventsRuntimeUse) = (eventsCpu(), eventsRuntime());
            eventsWall.Stop();
            var peak = PeakMemory.PeakMiB();
            LedgerBench.Say(
                progress,
                clock,
                $"delivered {burst.Delivered}: {burst.AcknowledgedPerSecond:0.0} acknowledged/s, p50 {burst.P50Ms:0.0} ms, "
                    + $"p99 {burst.P99Ms:0.0} ms, {burst.Errors} errors{Example(burst.FirstError)}; verified {floor.Verified}");

            figures.AddRange(GiftFigures(load, staticLoad));
            figures.Add(new("events", BenchResult.Number(eventCount)));
            figures.AddRange(DeliveryFigures(burst));
            figures.Add(new("peak_mb", BenchResult.Number(peak, "0.0")));
            figures.AddRange(CpuFigures(progress, clock, "gifts", giftsUsed, giftsRuntimeUse, giftsWall.Elapsed, "gift", load.Gifts));
            figures.AddRange(CpuFigures(progress, clock, "events", eventsUsed, eventsRuntimeUse, eventsWall.Elapsed, "event", burst.Delivered));

            // What is left of the processors for the portal's own work at each target's rate, once the floor's share is taken.
            var perGift = giftsUsed.Where(u => !double.IsNaN(u.Seconds)).Sum(u => u.Seconds) * 1000 / Math.Max(1, load.Gifts);
            var perEvent = eventsUsed.Where(u => !double.IsNaN(u.Seconds)).Sum(u => u.Seconds) * 1000 / Math.Max(1, burst.Delivered);
            var giftsLeft = (Environment.ProcessorCount * 1000.0 / 500) - perGift;
            var eventsLeft = (Environment.ProcessorCount * 1000.0 / 1000) - perEvent;
            LedgerBench.Say(
                progress,
                clock,
                $"left for the portal's own work on {Environment.ProcessorCount} processors: {giftsLeft:0.00} ms CPU a gift at 500 gifts/s; "
                    + $"{eventsLeft:0.00} ms an event at 1,000 acknowledged/s, for all the portal does with it (store, apply, receipt)");
            figures.Add(new("left_cpu_ms_per_gift_at_500", BenchResult.Number(giftsLeft, "0.00")));
            figures.Add(new("left_cpu_ms_per_event_at_1000", BenchResult.Number(eventsLeft, "0.00")));

            var errors = warmUp.Errors + load.Errors + staticLoad.Errors + warmUpBurst.Errors + burst.Errors;
            var (warmUpRedirected, redirected) = (warmUp.Gifts - warmUp.Errors, load.Gifts - load.Errors);
            figures.Add(new("errors", BenchResult.Number(errors)));
            var lost = Math.Max(0, warmUpRedirected - warmUpSessions.Count) + Math.Max(0, redirected - sessions.Count);
            figures.Add(new("gifts_lost", BenchResult.Number(lost)));
            figures.Add(new("events_not_verified", BenchResult.Number(warmUpBurst.Delivered + burst.Delivered - floor.Verified)));
            figures.Add(new("warmup_gifts", BenchResult.Number(warmUp.Gifts)));
            figures.Add(new("peak_reset", peakReset ? "true" : "false"));
            var clean = errors == 0 && lost == 0 && floor.Verified == warmUpBurst.Delivered + burst.Delivered
                && warmUpEvents == warmUpBurst.Delivered && eventCount == burst.Delivered;
            figures.Add(new("ok", clean ? "true" : "false"));
            return new BenchResult(figures, clean);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("PORTAL_BENCH_KEEP") != "1")
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Left for the temporary folder's own clean-up.
                }
            }
        }
    }

    /// <summary>
    /// The floor's Kestrel server (Production, loopback): the portal's static files, a sponsor form that only creates the
    /// checkout through <see cref="StripeGateway"/>, and a webhook that only verifies through <see cref="StripeWebhooks"/>.
    /// </summary>
    private sealed class FloorServer : IAsyncDisposable
    {
        private readonly WebApplication app;
        private long verified;

        private FloorServer(WebApplication app) => this.app = app;

        public Uri BaseUrl { get; private set; } = null!;

        /// <summary>Deliveries verified and answered 200.</summary>
        public long Verified => Interlocked.Read(ref verified);

        public static async Task<FloorServer> StartAsync(string folder, FakeStripeProcess stripe, CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                EnvironmentName = "Production",
                ContentRootPath = folder,
                WebRootPath = Path.Combine(PagesPortal.ContentRoot(), "wwwroot"),
            });
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var client = new StripeClient(new StripeClientOptions
            {
                ApiKey = stripe.ApiKey,
                ApiBase = stripe.BaseUrl.TrimEnd('/'),
                HttpClient = new SystemNetHttpClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, maxNetworkRetries: 2),
            });
            builder.Services.AddSingleton(new StripeGateway(client, NullLogger<StripeGateway>.Instance));
            builder.Services.AddSingleton(new StripeWebhooks(
                Options.Create(new StripeOptions { WebhookSecret = WebhookSecret }), TimeProvider.System));
            var app = builder.Build();
            var server = new FloorServer(app);
            app.UseStaticFiles();
            app.MapPost("/funds/nairobi/sponsor", server.SponsorAsync);
            app.MapPost("/webhooks/stripe", server.WebhookAsync);
            await app.StartAsync(cancellationToken);
            server.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        private async Task<IResult> SponsorAsync(HttpContext context, StripeGateway gateway)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            if (form["Input.Email"].ToString() is not { Length: > 0 } email
                || !long.TryParse(form["Input.Amount"], System.Globalization.CultureInfo.InvariantCulture, out var amount))
            {
                return Results.BadRequest("The form has no e-mail address or amount.");
            }

            var request = new CheckoutRequest(
                Guid.NewGuid(),
                Guid.NewGuid(),
                Guid.NewGuid(),
                Guid.NewGuid(),
                new Money(amount * 100, Currency.EUR),
                "Monthly sponsorship of Nairobi",
                email,
                null,
                SaveForLater: true,
                "en",
                new Uri($"https://portal.bench.invalid/thanks?session={CheckoutRequest.SessionIdPlaceholder}"),
                new Uri("https://portal.bench.invalid/funds/nairobi"));
            return await gateway.CreateCheckoutAsync(request, context.RequestAborted) switch
            {
                CheckoutCreation.Created created => Results.Redirect(created.RedirectUrl.ToString()),
                var other => Results.Problem(other.ToString(), statusCode: StatusCodes.Status503ServiceUnavailable),
            };
        }

        private async Task<IResult> WebhookAsync(HttpContext context, StripeWebhooks webhooks)
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            if (webhooks.Verify(body, context.Request.Headers["Stripe-Signature"]) is WebhookVerification.Rejected rejected)
            {
                return Results.BadRequest(rejected.Reason);
            }

            Interlocked.Increment(ref verified);
            return Results.Ok();
        }
    }
}

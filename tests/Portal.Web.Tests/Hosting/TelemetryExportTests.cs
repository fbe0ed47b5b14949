using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Portal.Testing;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Hosting;

/// <summary>Traces and metrics leave the portal by OTLP over HTTP when a collector is configured.</summary>
public class TelemetryExportTests
{
    [Fact]
    public async Task With_an_otlp_endpoint_the_portal_posts_its_metrics_and_traces_to_the_collector()
    {
        await using var collector = await Collector.StartAsync();
        await using var portal = await PortalFactory.CreateAsync(overrides: new Dictionary<string, string?>
        {
            ["OpenTelemetry:OtlpEndpoint"] = collector.Address,
            ["OpenTelemetry:Protocol"] = "http/protobuf",
            ["OpenTelemetry:ExportIntervalMilliseconds"] = "300",
        });
        var client = portal.Browser();

        var started = await client.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm(SharedPortal.Email()));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);

        await Eventually.TrueAsync(
            () => collector.Received("/v1/metrics", "portal.checkouts.started") && collector.Received("/v1/traces", "POST funds/{slug}/sponsor"),
            "the collector to receive the portal's metrics and traces",
            TimeSpan.FromSeconds(20));
        Assert.True(collector.Received("/v1/metrics", "portal-web"));
        Assert.True(collector.Received("/v1/traces", "portal-web"));
        Assert.All(collector.Paths, path => Assert.True(path is "/v1/metrics" or "/v1/traces", path));
    }

    /// <summary>A stand-in for an OpenTelemetry collector: Kestrel on a free port, keeping each OTLP body it is sent.</summary>
    private sealed class Collector : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Path, byte[] Body)> bodies = new();
        private WebApplication? app;

        public string Address { get; private set; } = "";

        public IEnumerable<string> Paths => bodies.Select(b => b.Path);

        public static async Task<Collector> StartAsync()
        {
            var collector = new Collector();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            collector.app = builder.Build();
            collector.app.MapPost("/v1/{signal}", async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                collector.bodies.Enqueue((context.Request.Path.Value!, body.ToArray()));
                context.Response.ContentType = "application/x-protobuf";
            });
            await collector.app.StartAsync();
            collector.Address = collector.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return collector;
        }

        /// <summary>Protobuf writes strings as UTF-8, so a name sent is found in the bytes.</summary>
        public bool Received(string path, string text)
        {
            var wanted = Encoding.UTF8.GetBytes(text);
            return bodies.Any(b => b.Path == path && b.Body.AsSpan().IndexOf(wanted) >= 0);
        }

        public async ValueTask DisposeAsync()
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }
}

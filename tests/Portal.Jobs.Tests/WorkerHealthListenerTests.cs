using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Jobs.Tests;

/// <summary>The worker answers health probes on its own small listener when Jobs:HealthUrls asks for one.</summary>
public class WorkerHealthListenerTests
{
    [Fact]
    public async Task With_health_urls_the_worker_serves_live_and_ready_with_its_own_checks_until_it_stops()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var address = $"http://127.0.0.1:{FreePort()}";
        using var host = WorkerProgram.CreateHost([], new Dictionary<string, string?>
        {
            ["Portal:DataFolder"] = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N")),
            ["DataProtection:CertificatePath"] = KeyRingCertificates.SharedPath,
            ["DataProtection:CertificatePassword"] = KeyRingCertificates.Password,
            ["Portal:PublicBaseUrl"] = "http://portal.test",
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Jobs:Storage"] = "InMemory",
            ["Payments:AllowSandbox"] = "true",
            ["Jobs:RunServer"] = "false",
            ["Jobs:HealthUrls"] = address,
        });
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        await host.StartAsync();
        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        using var page = await client.GetAsync("/");
        await host.StopAsync();

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(["database", "gateway", "jobs-storage", "mail"], checks.Keys.Order());
        Assert.All(checks.Values, status => Assert.Equal("Healthy", status));
        Assert.Equal("Job storage answers; the recurring jobs are registered.", Description(await ready.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/health/live"));
    }

    private static string? Description(string json) => JsonDocument.Parse(json).RootElement.GetProperty("checks").EnumerateArray()
        .Single(c => c.GetProperty("name").GetString() == "jobs-storage").GetProperty("description").GetString();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

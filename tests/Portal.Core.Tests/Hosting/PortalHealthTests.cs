using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Core.Communications;
using Portal.Core.Data;
using Portal.Testing;

namespace Portal.Core.Tests.Hosting;

/// <summary>The readiness checks of Portal.Core's parts, run by the health check service as the endpoints run them.</summary>
public class PortalHealthTests
{
    [Fact]
    public async Task Stripe_settings_of_the_wrong_shape_are_unhealthy_and_the_report_names_the_setting_not_its_value()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        // Start-up validation would refuse these settings; the check judges settings changed while running the same way.
        await using var services = PortalServices.Create(database, new Dictionary<string, string?>
        {
            ["Payments:Gateway"] = "Stripe",
            ["Stripe:SecretKey"] = "pk_live_publishable-not-secret-1234",
            ["Stripe:WebhookSecret"] = "whsec_the-webhook-secret-value",
        });

        var gateway = (await CheckAsync(services)).Entries["gateway"];

        Assert.Equal(HealthStatus.Unhealthy, gateway.Status);
        Assert.Contains("Stripe:SecretKey", gateway.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("pk_live_publishable", gateway.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_the-webhook", gateway.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sandbox_outside_Development_without_permission_is_unhealthy()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database, environment: "Production");

        var gateway = (await CheckAsync(services)).Entries["gateway"];

        Assert.Equal(HealthStatus.Unhealthy, gateway.Status);
        Assert.Contains("Payments:AllowSandbox", gateway.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_relay_is_probed_once_per_half_minute_and_a_relay_that_went_away_degrades_readiness_without_failing_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var smtp = TestSmtpServer.Start();
        await using var services = PortalServices.Create(database, new Dictionary<string, string?>
        {
            ["Email:Transport"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:Password"] = "relay-password",
        });

        var up = await CheckAsync(services);
        await smtp.DisposeAsync();
        var cached = await CheckAsync(services);
        services.Clock.Advance(MailTransportCheck.CacheFor);
        var down = await CheckAsync(services);

        Assert.Equal((HealthStatus.Healthy, HealthStatus.Healthy), (up.Entries["mail"].Status, up.Status));
        Assert.Contains($"127.0.0.1:{smtp.Port} answered EHLO", up.Entries["mail"].Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, cached.Entries["mail"].Status);
        Assert.Equal((HealthStatus.Degraded, HealthStatus.Degraded), (down.Entries["mail"].Status, down.Status));
        Assert.Contains($"127.0.0.1:{smtp.Port} could not be reached", down.Entries["mail"].Description, StringComparison.Ordinal);
        Assert.DoesNotContain("relay-password", down.Entries["mail"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_mailbox_is_ready_while_its_folder_takes_a_file()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        var folder = services.Get<MailboxFolder>().Path;

        var writable = await CheckAsync(services);
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        // A file where the folder should be: nothing can be written into it.
        await File.WriteAllTextAsync(folder, "not a folder");
        var blocked = await CheckAsync(services);

        Assert.Equal(HealthStatus.Healthy, writable.Entries["mail"].Status);
        Assert.Equal(HealthStatus.Degraded, blocked.Entries["mail"].Status);
        Assert.Contains("not writable", blocked.Entries["mail"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_gateway_mail_and_job_storage_are_checked_for_readiness()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);

        var report = await CheckAsync(services);

        Assert.Equal(["database", "gateway", "jobs-storage", "mail"], report.Entries.Keys.Order());
        Assert.All(report.Entries.Values, entry => Assert.Equal(HealthStatus.Healthy, entry.Status));
        Assert.Equal("Sandbox, in Development.", report.Entries["gateway"].Description);
    }

    private static Task<HealthReport> CheckAsync(PortalServices services) =>
        services.Get<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains(Portal.Core.Hosting.PortalHealth.Ready));
}

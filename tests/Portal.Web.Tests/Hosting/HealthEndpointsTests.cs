using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Core.Hosting;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Hosting;

/// <summary>What load balancers and orchestrators probe: liveness without checks, readiness with every dependency.</summary>
public class HealthEndpointsTests(SharedPortal shared) : IClassFixture<SharedPortal>
{
    [Fact]
    public async Task Live_runs_no_check_and_ready_and_the_old_health_address_report_each_dependency_as_json()
    {
        var portal = await shared.GetAsync();
        using var client = portal.CreateClient();

        var live = await ReadAsync(client, "/health/live");
        var ready = await ReadAsync(client, "/health/ready");
        var old = await ReadAsync(client, "/health");

        Assert.Equal((HttpStatusCode.OK, "Healthy", 0), (live.Status, live.Body.GetProperty("status").GetString(), Checks(live).Count));
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal(["database", "gateway", "jobs-storage", "mail"], Checks(ready).Select(c => c.GetProperty("name").GetString()).Order());
        Assert.All(Checks(ready), check =>
        {
            Assert.Equal("Healthy", check.GetProperty("status").GetString());
            Assert.True(check.GetProperty("durationMs").GetDouble() >= 0);
        });
        Assert.Equal("Sandbox, in Development.", Checks(ready).Single(c => c.GetProperty("name").GetString() == "gateway")
            .GetProperty("description").GetString());
        Assert.Equal(Checks(ready).Count, Checks(old).Count);
        Assert.True(ready.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task An_unhealthy_dependency_makes_ready_answer_503_in_json_without_its_stack_while_live_stays_200()
    {
        await using var portal = await PortalFactory.CreateAsync();
        // An injected fault: a ready check that throws, as a dead dependency's client would.
        portal.TestServices = services => services.AddHealthChecks().AddCheck(
            "injected",
            () => throw new InvalidOperationException("The injected dependency is down."),
            [PortalHealth.Ready]);
        using var client = portal.CreateClient();

        var ready = await ReadAsync(client, "/health/ready");
        var old = await ReadAsync(client, "/health");
        var live = await ReadAsync(client, "/health/live");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (ready.Status, ready.Body.GetProperty("status").GetString()));
        Assert.Equal("application/json", ready.MediaType);
        var injected = Checks(ready).Single(c => c.GetProperty("name").GetString() == "injected");
        Assert.Equal("The injected dependency is down.", injected.GetProperty("description").GetString());
        Assert.DoesNotContain("   at ", ready.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, old.Status);
        Assert.Equal(HttpStatusCode.OK, live.Status);
    }

    [Fact]
    public async Task Readiness_answers_to_anyone_every_time_and_is_never_served_from_the_cache()
    {
        var portal = await shared.GetAsync();
        using var client = portal.CreateClient();

        var first = await ReadAsync(client, "/health/ready");
        var second = await ReadAsync(client, "/health/ready");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.Status, second.Status));
        Assert.NotEqual(first.Headers.GetValues(Correlation.Header).Single(), second.Headers.GetValues(Correlation.Header).Single());
        Assert.Null(second.Headers.Age);
    }

    private static List<JsonElement> Checks(Answer answer) => [.. answer.Body.GetProperty("checks").EnumerateArray()];

    private static async Task<Answer> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement.Clone();
        return new Answer(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, body, text);
    }

    private sealed record Answer(
        HttpStatusCode Status, System.Net.Http.Headers.HttpResponseHeaders Headers, string? MediaType, JsonElement Body, string Text);
}

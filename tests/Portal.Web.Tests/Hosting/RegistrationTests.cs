using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Core.Transparency;
using Portal.Jobs;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Hosting;

/// <summary>Each area registers its own services once: a second registration of the same implementation is a wiring mistake.</summary>
public class RegistrationTests
{
    /// <summary>
    /// Service types the framework means to hold many registrations: every hosted service, options setup and validation,
    /// start-up filter and provider is resolved as a list. Everything else is resolved one at a time, so a duplicate
    /// only hides which registration wins.
    /// </summary>
    private static readonly Type[] ManyByDesign =
    [
        typeof(IHostedService), typeof(IStartupFilter), typeof(IConfigureOptions<>), typeof(IPostConfigureOptions<>), typeof(IValidateOptions<>),
        typeof(IOptionsChangeTokenSource<>),
    ];

    /// <summary>
    /// Registered twice by the framework itself: once by the minimal-hosting builder and once by the generic web host
    /// that <c>WebApplicationFactory</c> (like <c>WebApplication</c>) builds on.
    /// </summary>
#pragma warning disable CS0618 // The obsolete IHostingEnvironment and IApplicationLifetime are named only to allow their framework registration.
    private static readonly Type[] TwiceByTheHost =
    [
        typeof(IWebHostEnvironment), typeof(Microsoft.AspNetCore.Hosting.IHostingEnvironment),
        typeof(Microsoft.AspNetCore.Hosting.IApplicationLifetime),
    ];
#pragma warning restore CS0618

    [Fact]
    public async Task The_web_app_registers_each_service_once()
    {
        await using var portal = await PortalFactory.CreateAsync();
        IServiceCollection? registered = null;
        portal.TestServices = services => registered = services;
        _ = portal.Services;

        var found = Duplicates((IServiceCollection)registered!);
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void The_worker_registers_each_service_once()
    {
        var builder = WorkerProgram.CreateBuilder([], new Dictionary<string, string?>
        {
            ["Portal:DataFolder"] = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N")),
            ["Jobs:Storage"] = "InMemory",
        });

        Assert.Empty(Duplicates(builder.Services));
    }

    [Fact]
    public void An_area_registered_twice_is_found()
    {
        var services = new ServiceCollection();
        services.AddTransparency();
        Assert.Empty(Duplicates(services));

        services.AddTransparency();
        Assert.Contains(Duplicates(services), found => found.Contains(nameof(BuildTransparencyReports), StringComparison.Ordinal));
    }

    private static List<string> Duplicates(IServiceCollection services) =>
    [
        .. services
            .Where(d => !ManyByDesign.Contains(d.ServiceType.IsGenericType ? d.ServiceType.GetGenericTypeDefinition() : d.ServiceType))
            .Where(d => !TwiceByTheHost.Contains(d.ServiceType))
            // An authentication handler is registered once per scheme that uses it (the staff cookies and the donor's).
            .Where(d => !typeof(IAuthenticationHandler).IsAssignableFrom(d.ServiceType))
            // OpenTelemetry's configuration callbacks (internal IConfigure…ProviderBuilder types): each instrumentation and
            // exporter adds its own, and all of them run, as options setups do.
            .Where(d => !(d.ServiceType.Namespace?.StartsWith("OpenTelemetry", StringComparison.Ordinal) == true
                && d.ServiceType.Name.StartsWith("IConfigure", StringComparison.Ordinal)))
            .GroupBy(d => (d.ServiceType, d.ServiceKey, Implementation: Implementation(d)))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.ServiceType} -> {g.Key.Implementation} ({g.Count()} times)"),
    ];

    /// <summary>What a registration resolves to: its type, its instance's type, or the method of its factory.</summary>
    private static object? Implementation(ServiceDescriptor d) => d.IsKeyedService
        ? d.KeyedImplementationType ?? d.KeyedImplementationInstance?.GetType() ?? (object?)d.KeyedImplementationFactory?.Method
        : d.ImplementationType ?? d.ImplementationInstance?.GetType() ?? (object?)d.ImplementationFactory?.Method;
}

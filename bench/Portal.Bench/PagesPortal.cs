extern alias web;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Bench;

/// <summary>The whole portal in this process on Kestrel (a loopback port), in the Production environment, with its jobs off.</summary>
internal sealed class PagesPortal(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<web::Program>
{
    public Uri Start()
    {
        UseKestrel(0);
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Kestrel on loopback over plain HTTP: the portal would otherwise redirect to HTTPS and mark its cookies Secure.
        builder.UseSetting("Portal:AllowPlainHttp", "true");
        builder.UseContentRoot(ContentRoot());
        foreach (var (key, value) in settings.Concat(Portal.Testing.KeyRingCertificates.Settings()))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>src/Portal.Web of the checkout this bench was built from: its wwwroot holds the static files.</summary>
    public static string ContentRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var web = Path.Combine(folder.FullName, "src", "Portal.Web");
            if (File.Exists(Path.Combine(web, "Portal.Web.csproj")))
            {
                return web;
            }
        }

        throw new InvalidOperationException($"No src/Portal.Web above {AppContext.BaseDirectory}.");
    }
}

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Portal.Core.Hosting;

namespace Portal.Web.Hosting;

/// <summary>In Development without Portal:PublicBaseUrl, links in e-mail use the address the server listens on.</summary>
public static class ListeningAddress
{
    public static void UseForPublicUrls(WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var address = addresses.OrderBy(a => a.StartsWith("https", StringComparison.Ordinal) ? 1 : 0).FirstOrDefault();
            if (address is not null)
            {
                var uri = new UriBuilder(address
                    .Replace("[::]", "localhost", StringComparison.Ordinal)
                    .Replace("0.0.0.0", "localhost", StringComparison.Ordinal)
                    .Replace("+", "localhost", StringComparison.Ordinal)
                    .Replace("*", "localhost", StringComparison.Ordinal));
                app.Services.GetRequiredService<PublicUrls>().UseListeningAddress(uri.Uri);
            }
        });
}

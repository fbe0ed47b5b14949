using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Portal.Web.Hosting;

/// <summary>
/// Behind a load balancer every request comes from the balancer's address, so the per-address checkout limit would
/// count all donors as one. <c>Portal:TrustedProxies</c> (comma-separated addresses or CIDR networks) names the
/// proxies whose X-Forwarded-For and X-Forwarded-Proto are believed; nobody else's are, so the limit cannot be dodged
/// by sending the header oneself.
/// </summary>
public static class TrustedProxies
{
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, IConfiguration configuration)
    {
        var trusted = configuration["Portal:TrustedProxies"]?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            ?? [];
        if (trusted.Length == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in trusted)
        {
            if (entry.Contains('/', StringComparison.Ordinal))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            }
            else
            {
                options.KnownProxies.Add(IPAddress.Parse(entry));
            }
        }

        return app.UseForwardedHeaders(options);
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Hosting;

/// <summary>The per-address checkout limit counts donors, not the load balancer, and cannot be dodged with a forged header.</summary>
public class TrustedProxiesTests
{
    [Theory]
    [InlineData("10.0.0.0/8", 5)]
    [InlineData(null, 2)]
    public async Task Forwarded_addresses_count_only_when_they_come_from_a_trusted_proxy(string? trusted, int accepted)
    {
        await using var portal = await PortalFactory.CreateAsync(overrides: new Dictionary<string, string?>
        {
            ["CheckoutLimits:PerIpPerHour"] = "2",
            ["CheckoutLimits:PerEmailPerHour"] = "100",
            ["Portal:TrustedProxies"] = trusted
        });
        // Every request reaches the portal from the load balancer at 10.1.2.3.
        portal.TestServices = services => services.AddSingleton<IStartupFilter>(new FromLoadBalancer());
        var client = portal.Browser();

        var answers = new List<HttpStatusCode>();
        for (var donor = 1; donor <= 5; donor++)
        {
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{donor}");
            answers.Add((await client.PostAsync("/funds/nairobi/sponsor", Donors.SponsorForm($"donor{donor}@example.org"))).StatusCode);
        }

        Assert.Equal(accepted, answers.Count(a => a == HttpStatusCode.Redirect));
        Assert.Equal(5 - accepted, answers.Count(a => a == HttpStatusCode.TooManyRequests));
    }

    private sealed class FromLoadBalancer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

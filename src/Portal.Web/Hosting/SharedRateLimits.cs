using Microsoft.Extensions.Options;
using Portal.Core.Hosting.Limits;
using Portal.Core.Sponsorships;

namespace Portal.Web.Hosting;

/// <summary>
/// Marks a page whose POSTs count against a per-IP limit shared by every web node (<see cref="SharedLimits"/>): reading
/// the page is free, each POST counts, and one over the limit gets a 429 page with Retry-After.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SharedRateLimitAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

public static class SharedRateLimits
{
    public const string Checkout = "checkout";
    public const string SignIn = "sign-in";

    /// <summary>Sign-in forms (donors' links and staff passwords) per IP address and hour, across all nodes.</summary>
    public const int SignInsPerIpPerHour = 20;

    /// <summary>After routing (the page's attribute is known) and after the trusted proxies (the donor's own address).</summary>
    public static IApplicationBuilder UseSharedRateLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<SharedRateLimitAttribute>() is { } limited)
        {
            var limit = limited.Policy == Checkout
                ? context.RequestServices.GetRequiredService<IOptions<CheckoutLimits>>().Value.PerIpPerHour
                : SignInsPerIpPerHour;
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var decision = await context.RequestServices.GetRequiredService<SharedLimits>()
                .TryTakeAsync(limited.Policy, address, limit, TimeSpan.FromHours(1), context.RequestAborted);
            if (!decision.Allowed)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                var seconds = (int)Math.Ceiling(decision.RetryAfter.TotalSeconds);
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return;
            }
        }

        await next(context);
    });
}

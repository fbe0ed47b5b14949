using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Refunds;

public static class RefundsRegistration
{
    public static IServiceCollection AddRefunds(this IServiceCollection services)
    {
        services.AddScoped<RefundStates>();
        services.AddScoped<RefundDesk>();
        services.AddScoped<RefundRequests>();
        services.AddScoped<GatewayRefunds>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Spending;

public static class SpendingRegistration
{
    public static IServiceCollection AddSpending(this IServiceCollection services)
    {
        services.AddScoped<SpendingBook>();
        return services;
    }
}

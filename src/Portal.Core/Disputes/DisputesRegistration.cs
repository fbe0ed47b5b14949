using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Disputes;

public static class DisputesRegistration
{
    public static IServiceCollection AddDisputes(this IServiceCollection services) => services.AddScoped<DisputeStates>();
}

using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Hosting;

namespace Portal.Core.Reconciliation;

public static class ReconciliationRegistration
{
    public static IServiceCollection AddReconciliation(this IServiceCollection services)
    {
        services.AddValidatedOptions<ReconciliationOptions>(ReconciliationOptions.Section);
        services.AddScoped<ReconciliationExceptions>();
        services.AddScoped<PayoutMatcher>();
        services.AddScoped<PayoutImport>();
        services.AddScoped<ExceptionDesk>();
        services.AddScoped<MissingPayouts>();
        services.AddScoped<DriftRepair>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Transparency;

public static class TransparencyRegistration
{
    public static IServiceCollection AddTransparency(this IServiceCollection services)
    {
        services.AddScoped<BuildTransparencyReports>();
        services.AddScoped<EditTransparencyReport>();
        services.AddScoped<PublishTransparencyReport>();
        services.AddSingleton<ReportSummary>();
        return services;
    }
}

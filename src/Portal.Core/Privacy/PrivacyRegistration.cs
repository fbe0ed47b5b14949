using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Hosting;

namespace Portal.Core.Privacy;

public static class PrivacyRegistration
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddValidatedOptions<PrivacyOptions>(PrivacyOptions.Section);
        services.AddScoped<DonorDataExport>();
        services.AddScoped<ErasureSteps>();
        services.AddScoped<DonorErasure>();
        services.AddSingleton<InactiveDonorErasure>();
        return services;
    }
}

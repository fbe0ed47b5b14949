using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Donors;

public static class DonorsRegistration
{
    public static IServiceCollection AddDonors(this IServiceCollection services) => services.AddScoped<DonorSignIn>().AddScoped<DonorSessions>()
        .AddScoped<DonorSearch>().AddScoped<DonorSearchBackfill>()
        .AddScoped<Care.DonorFiles>().AddScoped<Care.DonorCare>().AddScoped<Care.DonorMerges>().AddScoped<Care.DuplicatePairs>();
}

using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Funds;

public static class FundsRegistration
{
    public static IServiceCollection AddFunds(this IServiceCollection services)
    {
        services.AddScoped<FundProgress>();
        services.AddScoped<SeedDemoContent>();
        services.AddScoped<FundRules>();
        services.AddScoped<EditFund>();
        services.AddScoped<FundPhotos>();
        services.AddScoped<MoveFundSponsorships>();
        return services;
    }
}

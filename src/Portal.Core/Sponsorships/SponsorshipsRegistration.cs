using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Hosting;

namespace Portal.Core.Sponsorships;

public static class SponsorshipsRegistration
{
    public static IServiceCollection AddSponsorships(this IServiceCollection services)
    {
        services.AddValidatedOptions<CheckoutLimits>(CheckoutLimits.Section);
        services.AddSingleton<SponsorshipRules>();
        services.AddScoped<StartSponsorship>();
        services.AddScoped<ChargeOutcomes>();
        services.AddScoped<UseNewPaymentMethod>();
        services.AddValidatedOptions<Runs.ChargeRunOptions>(Runs.ChargeRunOptions.Section);
        services.AddScoped<CardExpiryReminders>();
        return services;
    }
}

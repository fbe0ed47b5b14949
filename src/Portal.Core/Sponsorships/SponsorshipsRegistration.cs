using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Hosting;
using Portal.Core.Sponsorships.Dunning;
using Portal.Core.Sponsorships.Runs;

namespace Portal.Core.Sponsorships;

public static class SponsorshipsRegistration
{
    public static IServiceCollection AddSponsorships(this IServiceCollection services)
    {
        services.AddValidatedOptions<CheckoutLimits>(CheckoutLimits.Section);
        services.AddValidatedOptions<CardTesting.CardTestingOptions>(CardTesting.CardTestingOptions.Section);
        services.AddSingleton<CardTesting.DeclineSpikeAlert>();
        services.AddSingleton<CardTesting.DeclineVelocity>();
        services.AddSingleton<SponsorshipRules>();
        services.AddScoped<StartSponsorship>();
        services.AddSingleton<CheckoutSaves>();
        services.AddScoped<ChargeOutcomes>();
        services.AddScoped<DunningPolicy>();
        services.AddSingleton<PaymentLinks>();
        services.AddScoped<ConfirmPayment>();
        services.AddValidatedOptions<ChargeRunOptions>(ChargeRunOptions.Section);
        services.AddScoped<ChargeRunner>();
        services.AddScoped<ChargeAnswers>();
        services.AddScoped<SponsorshipChanges>();
        services.AddScoped<SponsorshipChangeEmails>();
        services.AddScoped<RetryPastDue>();
        services.AddScoped<UseNewPaymentMethod>();
        services.AddScoped<CardExpiryReminders>();
        return services;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Hosting;
using Portal.Core.Payments.Events;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Payments.Stripe;
using Stripe;

namespace Portal.Core.Payments;

public static class PaymentsRegistration
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PaymentsOptions>(PaymentsOptions.Section);
        services.AddValidatedOptions<StripeOptions>(StripeOptions.Section);
        services.AddSingleton<IValidateOptions<StripeOptions>, StripeOptionsValidation>();
        services.AddSingleton<CurrencyRules>();
        services.AddScoped<PaymentGateways>();
        services.AddScoped<EventInbox>();
        services.AddScoped<ApplyGatewayEvent>();
        services.AddScoped<ApplySetupEvent>();
        services.AddScoped<ApplyFinanceEvent>();
        services.AddSingleton<ApplyGatewayEvents>();

        // The sandbox is always registered: it only reads and writes our own tables, and records it issued stay readable.
        services.AddSingleton<SandboxPayments>();
        services.AddSingleton<SandboxCheckout>();
        services.AddSingleton<SandboxSetup>();
        services.AddSingleton<SandboxGateway>();
        services.AddSingleton<IPaymentGateway>(provider => provider.GetRequiredService<SandboxGateway>());
        services.AddSingleton<IGatewayFinance>(provider => provider.GetRequiredService<SandboxGateway>());

        var gateway = configuration.GetSection(PaymentsOptions.Section).GetValue(nameof(PaymentsOptions.Gateway), GatewayKind.Sandbox);
        if (gateway == GatewayKind.Stripe)
        {
            services.AddSingleton(CreateStripeClient);
            services.AddSingleton<StripeWebhooks>();
            services.AddSingleton<StripeGateway>();
            services.AddSingleton<IPaymentGateway>(provider => provider.GetRequiredService<StripeGateway>());
            services.AddSingleton<IGatewayFinance>(provider => provider.GetRequiredService<StripeGateway>());
        }

        return services;
    }

    private static StripeClient CreateStripeClient(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<StripeOptions>>().Value;
        // Stripe.net retries network errors, 409 and 5xx itself, reusing the request's idempotency key.
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) };
        var clientOptions = new StripeClientOptions
        {
            ApiKey = options.SecretKey,
            HttpClient = new SystemNetHttpClient(http, maxNetworkRetries: 2),
        };
        if (!string.IsNullOrEmpty(options.ApiBase))
        {
            clientOptions.ApiBase = options.ApiBase.TrimEnd('/');
        }

        return new StripeClient(clientOptions);
    }
}

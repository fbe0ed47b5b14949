using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Hosting;
using Portal.Core.Payments.Events;
using Stripe;

namespace Portal.Core.Payments.Stripe;

/// <summary>The Stripe adapter: the one place Stripe.net is wired in.</summary>
internal static class StripeRegistration
{
    public static IServiceCollection AddStripe(this IServiceCollection services, bool useAsGateway)
    {
        services.AddValidatedOptions<StripeOptions>(StripeOptions.Section);
        services.AddSingleton<IValidateOptions<StripeOptions>, StripeOptionsValidation>();
        // Stored events are in Stripe's shapes whichever gateway sent them: the sandbox speaks them too.
        services.AddSingleton<IGatewayEventReader, StripeEventReader>();
        if (useAsGateway)
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

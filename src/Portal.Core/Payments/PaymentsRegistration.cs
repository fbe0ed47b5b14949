using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Hosting;
using Portal.Core.Payments.Events;
using Portal.Core.Payments.Events.Handlers;
using Portal.Core.Payments.Sandbox;
using Portal.Core.Payments.Stripe;

namespace Portal.Core.Payments;

public static class PaymentsRegistration
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PaymentsOptions>(PaymentsOptions.Section);
        services.AddSingleton<CurrencyRules>();
        services.AddScoped<PaymentGateways>();
        services.AddScoped<EventInbox>();
        services.AddSingleton<InboxBatches>();
        services.AddScoped<ApplyGatewayEvent>();
        services.AddValidatedOptions<Peaks.PeakOptions>(Peaks.PeakOptions.Section);
        services.AddSingleton<Peaks.CheckoutGate>();
        services.AddSingleton<Peaks.InboxDepth>();
        services.AddScoped<ApplyPaymentEvent>();
        services.AddScoped<ApplySetupEvent>();
        services.AddSingleton<ApplyGatewayEvents>();
        services.AddValidatedOptions<EventApplyOptions>(EventApplyOptions.Section);
        services.AddSingleton<EventNudges>();
        services.AddGatewayEventHandlers();

        // The sandbox is always registered: it only reads and writes our own tables, and records it issued stay readable.
        services.AddSingleton<SandboxPayments>();
        services.AddSingleton<SandboxCheckout>();
        services.AddSingleton<SandboxSetup>();
        services.AddSingleton<SandboxGateway>();
        services.AddSingleton<IPaymentGateway>(provider => provider.GetRequiredService<SandboxGateway>());
        services.AddSingleton<IGatewayFinance>(provider => provider.GetRequiredService<SandboxGateway>());

        var gateway = configuration.GetSection(PaymentsOptions.Section).GetValue(nameof(PaymentsOptions.Gateway), GatewayKind.Sandbox);
        services.AddStripe(useAsGateway: gateway == GatewayKind.Stripe);
        return services;
    }

    /// <summary>The one table of event type to handler: a type named by two handlers stops start-up here.</summary>
    private static void AddGatewayEventHandlers(this IServiceCollection services) => services.AddSingleton(new GatewayEventHandlers()
        .Add<CheckoutSessionEvents>(services)
        .Add<PaymentIntentEvents>(services)
        .Add<RefundEvents>(services)
        .Add<DisputeEvents>(services)
        .Add<PayoutEvents>(services));
}

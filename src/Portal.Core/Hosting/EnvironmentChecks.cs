using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Portal.Core.Payments;

namespace Portal.Core.Hosting;

/// <summary>
/// Settings that are fine on a developer's machine and dangerous anywhere else. Outside Development the portal
/// refuses to start on the payment sandbox (it would record unpaid gifts as paid) unless Payments:AllowSandbox says
/// so, and it needs the public address that e-mail links point to.
/// </summary>
public sealed class EnvironmentChecks(IHostEnvironment environment) : IValidateOptions<PaymentsOptions>, IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentsOptions options) =>
        !environment.IsDevelopment() && options.Gateway == GatewayKind.Sandbox && !options.AllowSandbox
            ? ValidateOptionsResult.Fail(
                $"Payments:Gateway is Sandbox in the {environment.EnvironmentName} environment. " +
                "The sandbox records gifts as paid without taking money. " +
                "Configure Stripe (Payments:Gateway=Stripe, Stripe:SecretKey, Stripe:WebhookSecret), " +
                "or set Payments:AllowSandbox=true for a test site.")
            : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, PortalOptions options) =>
        !environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? ValidateOptionsResult.Fail(
                $"Portal:PublicBaseUrl is required in the {environment.EnvironmentName} environment: " +
                "e-mail links and payment redirects are made from it.")
            : ValidateOptionsResult.Success;
}

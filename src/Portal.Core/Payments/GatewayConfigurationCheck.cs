using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Portal.Core.Payments.Stripe;

namespace Portal.Core.Payments;

/// <summary>
/// Readiness of the payment gateway's settings, checked by the same validators that guard start-up (so a changed
/// settings file is judged as a restart would judge it), without a network call: Stripe's secret key and webhook secret
/// are there and of the right shape; the sandbox is allowed in this environment. Says which mode, never a key.
/// </summary>
public sealed class GatewayConfigurationCheck(IOptionsMonitor<PaymentsOptions> payments, IOptionsMonitor<StripeOptions> stripe) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            var gateway = payments.CurrentValue;
            if (gateway.Gateway == GatewayKind.Stripe)
            {
                var key = stripe.CurrentValue.SecretKey!;
                var mode = key.Contains("_live_", StringComparison.Ordinal) ? "live" : "test";
                return Task.FromResult(HealthCheckResult.Healthy($"Stripe, {mode} mode: secret key and webhook secret are set."));
            }

            return Task.FromResult(HealthCheckResult.Healthy(
                gateway.AllowSandbox ? "Sandbox, allowed by Payments:AllowSandbox." : "Sandbox, in Development."));
        }
        catch (OptionsValidationException error)
        {
            // The validators' messages name the setting, never its value.
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, string.Join(" ", error.Failures)));
        }
    }
}

using Microsoft.Extensions.Options;

namespace Portal.Core.Payments.Stripe;

/// <summary>Section <c>Stripe</c>: required when <c>Payments:Gateway</c> is <c>Stripe</c>.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary>The secret (<c>sk_live_...</c>, <c>sk_test_...</c>) or restricted (<c>rk_...</c>) API key.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The signing secret of the webhook endpoint (<c>whsec_...</c>); the endpoint must use API version *.endive.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Stripe's API address; only changed to point the portal at a local fake in tests.</summary>
    public string? ApiBase { get; set; }

    /// <summary>How long to wait for Stripe before treating the call as failed (its outcome is then looked up, not guessed).</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>Checks the Stripe settings only when Stripe is the gateway, and names each setting that is wrong.</summary>
public sealed class StripeOptionsValidation(IOptions<PaymentsOptions> payments) : IValidateOptions<StripeOptions>
{
    public ValidateOptionsResult Validate(string? name, StripeOptions options)
    {
        if (payments.Value.Gateway != GatewayKind.Stripe)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (options.SecretKey is null
            || !(options.SecretKey.StartsWith("sk_", StringComparison.Ordinal) || options.SecretKey.StartsWith("rk_", StringComparison.Ordinal)))
        {
            problems.Add("Stripe:SecretKey is required when Payments:Gateway is Stripe and must start with sk_ or rk_.");
        }

        if (options.WebhookSecret is null || !options.WebhookSecret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            problems.Add("Stripe:WebhookSecret is required when Payments:Gateway is Stripe and must start with whsec_.");
        }

        if (options.ApiBase is not null && !Uri.TryCreate(options.ApiBase, UriKind.Absolute, out _))
        {
            problems.Add($"Stripe:ApiBase '{options.ApiBase}' is not an absolute address.");
        }

        if (options.TimeoutSeconds is < 1 or > 120)
        {
            problems.Add("Stripe:TimeoutSeconds must be between 1 and 120.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

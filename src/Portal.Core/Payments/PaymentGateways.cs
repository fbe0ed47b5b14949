using Microsoft.Extensions.Options;

namespace Portal.Core.Payments;

/// <summary>
/// The gateways this portal can talk to: the active one takes new gifts; any registered one answers for the records
/// it issued (the sandbox stays readable after a switch to Stripe, so old demo records still resolve).
/// </summary>
public sealed class PaymentGateways(IEnumerable<IPaymentGateway> gateways, IEnumerable<IGatewayFinance> finances, IOptions<PaymentsOptions> options)
{
    private readonly Dictionary<string, IPaymentGateway> byName = gateways.ToDictionary(gateway => gateway.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, IGatewayFinance> financeByName = finances.ToDictionary(gateway => gateway.Name, StringComparer.Ordinal);

    public IPaymentGateway Active =>
        byName.GetValueOrDefault(options.Value.Gateway == GatewayKind.Stripe ? StripeNames.Gateway : SandboxNames.Gateway)
        ?? throw new InvalidOperationException($"The {options.Value.Gateway} gateway is not registered.");

    public bool IsSandboxActive => options.Value.Gateway == GatewayKind.Sandbox;

    public IPaymentGateway? Named(string name) => byName.GetValueOrDefault(name);

    /// <summary>The refunds, disputes and payouts side of the gateway that issued a record.</summary>
    public IGatewayFinance? FinanceNamed(string name) => financeByName.GetValueOrDefault(name);

    /// <summary>Every configured gateway's money side: payouts are imported from each.</summary>
    public IEnumerable<IGatewayFinance> AllFinance => financeByName.Values;
}

public static class StripeNames
{
    public const string Gateway = "stripe";
}

public static class SandboxNames
{
    public const string Gateway = "sandbox";
}

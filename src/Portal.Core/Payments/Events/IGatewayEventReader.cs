namespace Portal.Core.Payments.Events;

/// <summary>
/// Reads a stored event's payload into what it says in the portal's terms. The payloads are in the gateway's own
/// shapes (Stripe's, which the sandbox speaks too), so the reader lives with the gateway adapter. Null: not about
/// anything of ours the portal can read.
/// </summary>
public interface IGatewayEventReader
{
    PaymentEvent? ReadPayment(GatewayEvent row);

    SetupEvent? ReadSetup(GatewayEvent row);

    FinanceEvent? ReadFinance(GatewayEvent row);
}

using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Payments.Events;
using Portal.Core.Payments.Events.Handlers;
using Portal.Testing;
using Stripe;

namespace Portal.Core.Tests.Payments.Events;

/// <summary>Each event type the portal acts on has exactly one handler, taken from the container as the app builds it.</summary>
public sealed class GatewayEventHandlersTests
{
    /// <summary>Every type the portal handled before the table existed, by Stripe.net's own names.</summary>
    private static readonly string[] Handled =
    [
        EventTypes.CheckoutSessionCompleted, EventTypes.CheckoutSessionAsyncPaymentSucceeded, EventTypes.CheckoutSessionAsyncPaymentFailed,
        EventTypes.PaymentIntentSucceeded, EventTypes.PaymentIntentPaymentFailed, EventTypes.PaymentIntentProcessing,
        EventTypes.ChargeRefunded, EventTypes.RefundCreated, EventTypes.RefundUpdated, EventTypes.RefundFailed, EventTypes.ChargeRefundUpdated,
        EventTypes.ChargeDisputeCreated, EventTypes.ChargeDisputeUpdated, EventTypes.ChargeDisputeClosed,
        EventTypes.ChargeDisputeFundsWithdrawn, EventTypes.ChargeDisputeFundsReinstated,
        EventTypes.PayoutPaid, EventTypes.PayoutFailed,
    ];

    [Fact]
    public async Task Every_handled_type_has_exactly_one_handler_that_the_container_builds()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = PortalServices.Create(database);
        var table = services.Get<GatewayEventHandlers>().Table;

        Assert.Equal(Handled.Order(StringComparer.Ordinal), table.Keys.Order(StringComparer.Ordinal));
        await services.InScopeAsync(scope =>
        {
            Assert.All(table.Values.Distinct(), handler => Assert.True(scope.GetRequiredService(handler) is IGatewayEventHandler));
            return Task.CompletedTask;
        });
    }

    [Fact]
    public void A_type_claimed_by_two_handlers_stops_registration()
    {
        var table = new GatewayEventHandlers().Add<PaymentIntentEvents>(new ServiceCollection());

        var error = Assert.Throws<InvalidOperationException>(() => table.Add<PaymentIntentEvents>(new ServiceCollection()));

        Assert.Contains(EventTypes.PaymentIntentSucceeded, error.Message, StringComparison.Ordinal);
    }
}

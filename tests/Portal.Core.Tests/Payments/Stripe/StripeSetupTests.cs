using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Payments;
using Portal.Core.Payments.Stripe;
using Portal.Core.Shared;
using Portal.FakeStripe;

namespace Portal.Core.Tests.Payments.Stripe;

/// <summary>Saving a new payment method through Stripe Checkout in setup mode, and reading card details back.</summary>
public sealed class StripeSetupTests : IAsyncLifetime
{
    private FakeStripeServer stripe = null!;
    private StripeGateway gateway = null!;
    private string customerId = "";

    public async Task InitializeAsync()
    {
        stripe = await FakeStripeServer.StartAsync();
        gateway = new StripeGateway(stripe.CreateClient(maxNetworkRetries: 2, timeout: TimeSpan.FromSeconds(2)), NullLogger<StripeGateway>.Instance);
        customerId = (await stripe.CreateClient().V1.Customers.CreateAsync(new global::Stripe.CustomerCreateOptions { Email = "ada@example.org" }))
            .Id;
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public async Task A_setup_checkout_is_for_the_donors_customer_carries_the_donor_and_replays_for_the_same_key()
    {
        var request = Setup("setup-1");

        var first = Assert.IsType<CheckoutCreation.Created>(await gateway.CreateSetupCheckoutAsync(request, CancellationToken.None));
        var again = Assert.IsType<CheckoutCreation.Created>(await gateway.CreateSetupCheckoutAsync(request, CancellationToken.None));
        var session = await stripe.CreateClient().V1.Checkout.Sessions.GetAsync(first.SessionId);

        Assert.Equal(first.SessionId, again.SessionId);
        Assert.Equal("setup", session.Mode);
        Assert.Equal(customerId, session.CustomerId);
        Assert.Equal("eur", session.Currency);
        Assert.Equal(request.DonorId.ToString(), session.Metadata[PaymentMetadata.DonorId]);
        Assert.Contains(stripe.Requests.ForKey("setup-1"), call => call.Replayed);
    }

    [Fact]
    public async Task The_saved_method_reads_back_with_brand_last4_and_the_end_of_its_expiry_month()
    {
        var created = (CheckoutCreation.Created)await gateway.CreateSetupCheckoutAsync(Setup("setup-2"), CancellationToken.None);
        stripe.CompleteSetupCheckout(created.SessionId, TestPaymentMethods.Mastercard, new CardExpiry(2, 2028));
        var setupIntentId = (await stripe.CreateClient().V1.Checkout.Sessions.GetAsync(created.SessionId)).SetupIntentId;

        var setup = await gateway.GetSetupAsync(setupIntentId, CancellationToken.None);

        Assert.Equal(SetupState.Succeeded, setup.State);
        Assert.Equal(customerId, setup.CustomerId);
        Assert.Equal(new SavedPaymentMethod(setup.Method!.Id, "Mastercard", "4444", new DateOnly(2028, 2, 29)), setup.Method);
        Assert.Equal(SetupState.Unknown, (await gateway.GetSetupAsync("seti_missing", CancellationToken.None)).State);
    }

    [Fact]
    public async Task A_completed_setup_cannot_be_shown_again()
    {
        var request = Setup("setup-3");
        var created = (CheckoutCreation.Created)await gateway.CreateSetupCheckoutAsync(request, CancellationToken.None);
        stripe.CompleteSetupCheckout(created.SessionId);

        Assert.IsType<CheckoutCreation.Unavailable>(await gateway.CreateSetupCheckoutAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task A_paid_payment_reads_back_with_its_cards_details()
    {
        var request = new CheckoutRequest(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new Money(3000, Currency.EUR), "Monthly",
            "ada@example.org", customerId, true, "en", new Uri("http://portal.test/t?session_id={CHECKOUT_SESSION_ID}"), new Uri(
                "http://portal.test/c"));
        var created = (CheckoutCreation.Created)await gateway.CreateCheckoutAsync(request, CancellationToken.None);
        stripe.CompleteCheckout(created.SessionId, TestPaymentMethods.Visa, new CardExpiry(11, 2026));

        var lookup = await gateway.GetPaymentAsync(stripe.PaymentIntents.Single().Id, CancellationToken.None);

        Assert.Equal(new SavedPaymentMethod(lookup.PaymentMethodId!, "Visa", "4242", new DateOnly(2026, 11, 30)), lookup.Method);
    }

    [Fact]
    public async Task A_SEPA_payment_reads_back_without_an_expiry()
    {
        var request = new CheckoutRequest(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new Money(3000, Currency.EUR), "Monthly",
            "ada@example.org", customerId, true, "en", new Uri("http://portal.test/t?session_id={CHECKOUT_SESSION_ID}"), new Uri(
                "http://portal.test/c"));
        var created = (CheckoutCreation.Created)await gateway.CreateCheckoutAsync(request, CancellationToken.None);
        stripe.CompleteCheckout(created.SessionId, TestPaymentMethods.SepaDebit);

        var lookup = await gateway.GetPaymentAsync(stripe.PaymentIntents.Single().Id, CancellationToken.None);

        Assert.Equal("SEPA Direct Debit", lookup.Method!.Brand);
        Assert.Equal("3000", lookup.Method.Last4);
        Assert.Null(lookup.Method.ExpiresOn);
    }

    private SetupCheckoutRequest Setup(string key) => new(
        Guid.NewGuid(), customerId, "ada@example.org", "EUR", "en", key,
        new Uri("http://portal.test/account/payment-method?session_id={CHECKOUT_SESSION_ID}"), new Uri("http://portal.test/account/payment-method"));
}

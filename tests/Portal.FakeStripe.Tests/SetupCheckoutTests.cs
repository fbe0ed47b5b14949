using Stripe;
using Stripe.Checkout;

namespace Portal.FakeStripe.Tests;

/// <summary>Checkout in setup mode: a donor saves a new payment method for an existing customer, no money taken.</summary>
public sealed class SetupCheckoutTests : FakeStripeTestBase
{
    [Fact]
    public async Task A_completed_setup_session_leaves_a_succeeded_SetupIntent_with_the_card_attached_to_the_customer()
    {
        var customer = await Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "ada@example.org" });
        var session = await Client.V1.Checkout.Sessions.CreateAsync(SetupSession(customer.Id));
        Assert.Equal("setup", session.Mode);
        Assert.Equal("open", session.Status);
        Assert.Null(session.SetupIntentId);
        Assert.Null(session.AmountTotal);
        Assert.Equal("no_payment_required", session.PaymentStatus);

        var events = Stripe.CompleteSetupCheckout(session.Id, TestPaymentMethods.Mastercard, new CardExpiry(3, 2027));

        Assert.Equal(["setup_intent.succeeded", "checkout.session.completed"], events.Select(e => e.Type));
        var completed = Assert.IsType<Session>(events[1].ToStripeEvent().Data.Object);
        Assert.Equal("setup", completed.Mode);
        Assert.Equal("complete", completed.Status);
        Assert.Equal("donor-1", completed.Metadata["donor_id"]);
        Assert.StartsWith("seti_", completed.SetupIntentId, StringComparison.Ordinal);
        var setup = await Client.V1.SetupIntents.GetAsync(completed.SetupIntentId, new SetupIntentGetOptions { Expand = ["payment_method"] });
        Assert.Equal("succeeded", setup.Status);
        Assert.Equal(customer.Id, setup.CustomerId);
        Assert.Equal("donor-1", setup.Metadata["donor_id"]);
        Assert.Equal(customer.Id, setup.PaymentMethod.CustomerId);
        Assert.Equal("mastercard", setup.PaymentMethod.Card.Brand);
        Assert.Equal("4444", setup.PaymentMethod.Card.Last4);
        Assert.Equal(3, setup.PaymentMethod.Card.ExpMonth);
        Assert.Equal(2027, setup.PaymentMethod.Card.ExpYear);
    }

    [Fact]
    public async Task The_saved_method_is_charged_off_session_afterwards()
    {
        var customer = await Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "ada@example.org" });
        var session = await Client.V1.Checkout.Sessions.CreateAsync(SetupSession(customer.Id));
        Stripe.CompleteSetupCheckout(session.Id, TestPaymentMethods.Visa);
        var setup = await Client.V1.SetupIntents.GetAsync((await Client.V1.Checkout.Sessions.GetAsync(session.Id)).SetupIntentId);

        var charge = await Client.V1.PaymentIntents.CreateAsync(OffSession(setup.PaymentMethodId, customer: customer.Id, chargeId: "chg-9"));

        Assert.Equal("succeeded", charge.Status);
        var read = await Client.V1.PaymentIntents.GetAsync(charge.Id, new PaymentIntentGetOptions { Expand = ["payment_method"] });
        Assert.Equal("4242", read.PaymentMethod.Card.Last4);
        Assert.Equal(2030, read.PaymentMethod.Card.ExpYear);
    }

    [Fact]
    public async Task A_SEPA_mandate_saves_a_debit_method_without_card_details()
    {
        var customer = await Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "ada@example.org" });
        var options = SetupSession(customer.Id);
        options.Currency = "eur";
        var session = await Client.V1.Checkout.Sessions.CreateAsync(options);
        Stripe.CompleteSetupCheckout(session.Id, TestPaymentMethods.SepaDebit);

        var setup = await Client.V1.SetupIntents.GetAsync(
            (await Client.V1.Checkout.Sessions.GetAsync(session.Id)).SetupIntentId,
            new SetupIntentGetOptions { Expand = ["payment_method"] });

        Assert.Equal("sepa_debit", setup.PaymentMethod.Type);
        Assert.Equal("3000", setup.PaymentMethod.SepaDebit.Last4);
        Assert.Null(setup.PaymentMethod.Card);
    }

    [Fact]
    public async Task Setup_mode_refuses_line_items_and_a_payment_session_cannot_be_completed_as_setup()
    {
        var options = SetupSession(customer: null);
        options.LineItems = DonationSession().LineItems;
        var error = await Assert.ThrowsAsync<StripeException>(() => Client.V1.Checkout.Sessions.CreateAsync(options));
        Assert.Equal("line_items", error.StripeError.Param);

        var payment = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());
        Assert.Throws<InvalidOperationException>(() => Stripe.CompleteSetupCheckout(payment.Id));
        var setup = await Client.V1.Checkout.Sessions.CreateAsync(SetupSession(customer: null));
        Assert.Throws<InvalidOperationException>(() => Stripe.CompleteCheckout(setup.Id));
    }

    private static SessionCreateOptions SetupSession(string? customer) => new()
    {
        Mode = "setup",
        Customer = customer,
        SuccessUrl = "https://portal.example/account/payment-method/updated?session_id={CHECKOUT_SESSION_ID}",
        CancelUrl = "https://portal.example/account/payment-method",
        Metadata = new() { ["donor_id"] = "donor-1" },
        SetupIntentData = new SessionSetupIntentDataOptions { Metadata = new() { ["donor_id"] = "donor-1" } },
    };
}

using Stripe;
using Stripe.Checkout;

namespace Portal.FakeStripe.Tests;

/// <summary>A fresh fake per test (xunit makes one class instance per test), so logs and counts are the test's own.</summary>
public abstract class FakeStripeTestBase : IAsyncLifetime
{
    protected const string WebhookSecret = "whsec_test_secret";

    protected FakeStripeServer Stripe { get; private set; } = null!;

    /// <summary>The real Stripe.net client, with its default two network retries.</summary>
    protected StripeClient Client { get; private set; } = null!;

    protected virtual FakeStripeOptions Options => new();

    public async Task InitializeAsync()
    {
        Stripe = await FakeStripeServer.StartAsync(Options);
        Client = Stripe.CreateClient();
    }

    public async Task DisposeAsync() => await Stripe.DisposeAsync();

    protected static SessionCreateOptions DonationSession(long amount = 2500, string currency = "eur") => new()
    {
        Mode = "payment",
        SubmitType = "donate",
        SuccessUrl = "https://portal.example/thanks?session_id={CHECKOUT_SESSION_ID}",
        CancelUrl = "https://portal.example/give",
        ClientReferenceId = "donor-42",
        CustomerEmail = "ada@example.org",
        Metadata = new() { ["gift_id"] = "gift-1" },
        LineItems =
        [
            new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = currency,
                    UnitAmount = amount,
                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Sponsorship" },
                },
            },
        ],
        PaymentIntentData = new SessionPaymentIntentDataOptions
        {
            SetupFutureUsage = "off_session",
            Description = "Monthly sponsorship",
            Metadata = new() { ["charge_id"] = "chg-1", ["child"] = "c-7" },
        },
        AllowedPaymentMethodTypes = ["card", "sepa_debit"],
        Locale = "de",
    };

    protected static PaymentIntentCreateOptions OffSession(string paymentMethod, long amount = 1500, string currency = "eur",
        string? customer = null, string chargeId = "chg-1") => new()
        {
            Amount = amount,
            Currency = currency,
            Customer = customer,
            PaymentMethod = paymentMethod,
            Confirm = true,
            OffSession = true,
            Description = "Monthly sponsorship",
            Metadata = new() { ["charge_id"] = chargeId },
        };

    protected static RequestOptions Key(string key) => new() { IdempotencyKey = key };
}

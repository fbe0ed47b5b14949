using System.Net;
using Stripe;
using Stripe.Checkout;

namespace Portal.FakeStripe.Tests;

public sealed class CheckoutSessionTests : FakeStripeTestBase
{
    [Fact]
    public async Task Create_returns_an_open_unpaid_session_with_what_was_asked()
    {
        var session = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());

        Assert.StartsWith("cs_test_", session.Id, StringComparison.Ordinal);
        Assert.Equal("checkout.session", session.Object);
        Assert.Equal("open", session.Status);
        Assert.Equal("unpaid", session.PaymentStatus);
        Assert.Equal(2500, session.AmountTotal);
        Assert.Equal("eur", session.Currency);
        Assert.Null(session.CustomerId);
        Assert.Null(session.PaymentIntentId);
        Assert.Equal($"{Stripe.BaseUrl}/pay/{session.Id}", session.Url);
        Assert.Equal("gift-1", session.Metadata["gift_id"]);
        Assert.Equal("donor-42", session.ClientReferenceId);
        Assert.Equal("donate", session.SubmitType);
        Assert.Equal("de", session.Locale);
        Assert.Equal(["card", "sepa_debit"], session.PaymentMethodTypes);
        Assert.StartsWith("https://portal.example/thanks", session.SuccessUrl, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromHours(24), session.ExpiresAt - session.Created);
        Assert.False(session.Livemode);
    }

    [Fact]
    public async Task A_completed_session_reads_back_with_nested_expansions()
    {
        var created = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());
        Stripe.CompleteCheckout(created.Id);

        var session = await Client.V1.Checkout.Sessions.GetAsync(created.Id, new SessionGetOptions
        {
            Expand = ["payment_intent.latest_charge.balance_transaction", "customer"],
        });

        Assert.Equal("complete", session.Status);
        Assert.Equal("paid", session.PaymentStatus);
        Assert.Null(session.Url);
        Assert.Equal("ada@example.org", session.Customer.Email);
        Assert.Equal("ada@example.org", session.CustomerDetails.Email);
        var pi = session.PaymentIntent;
        Assert.Equal("succeeded", pi.Status);
        Assert.Equal(2500, pi.Amount);
        Assert.Equal(pi.Id, session.PaymentIntentId);
        Assert.Equal("succeeded", pi.LatestCharge.Status);
        Assert.Equal(2500, pi.LatestCharge.BalanceTransaction.Amount);
        Assert.Equal(pi.LatestCharge.Id, pi.LatestCharge.BalanceTransaction.SourceId);

        var plain = await Client.V1.Checkout.Sessions.GetAsync(created.Id);
        Assert.Equal(pi.Id, plain.PaymentIntentId);
        Assert.Null(plain.PaymentIntent);
    }

    [Fact]
    public async Task Expand_also_works_on_the_create_response_and_rejects_unknown_fields()
    {
        var options = DonationSession();
        options.Customer = (await Client.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "bo@example.org" })).Id;
        options.CustomerEmail = null;
        options.Expand = ["customer"];

        var session = await Client.V1.Checkout.Sessions.CreateAsync(options);
        Assert.Equal("bo@example.org", session.Customer.Email);

        var ex = await Assert.ThrowsAsync<StripeException>(() => Client.V1.Checkout.Sessions.GetAsync(session.Id,
            new SessionGetOptions { Expand = ["no_such_field"] }));
        Assert.Equal(HttpStatusCode.BadRequest, ex.HttpStatusCode);
    }

    public static TheoryData<string, string> InvalidSessions => new()
    {
        { "no success_url", "success_url" },
        { "unknown mode", "mode" },
        { "zero amount", "line_items[0][price_data][unit_amount]" },
        { "no line items", "line_items" },
        { "unknown customer", "customer" },
        { "customer and customer_creation", "customer_creation" },
        { "total below minimum", "line_items" },
        { "bad setup_future_usage", "payment_intent_data[setup_future_usage]" },
    };

    [Theory]
    [MemberData(nameof(InvalidSessions))]
    public async Task Invalid_sessions_are_refused_like_Stripe_with_the_offending_param(string change, string param)
    {
        var options = DonationSession();
        switch (change)
        {
            case "no success_url": options.SuccessUrl = null; break;
            case "unknown mode": options.Mode = "donation"; break;
            case "zero amount": options.LineItems[0].PriceData.UnitAmount = 0; break;
            case "no line items": options.LineItems = null; break;
            case "unknown customer": options.Customer = "cus_missing"; options.CustomerEmail = null; break;
            case "customer and customer_creation":
                options.Customer = (await Client.V1.Customers.CreateAsync(new CustomerCreateOptions())).Id;
                options.CustomerEmail = null;
                options.CustomerCreation = "always";
                break;
            case "total below minimum": options.LineItems[0].PriceData.UnitAmount = 49; break;
            case "bad setup_future_usage": options.PaymentIntentData.SetupFutureUsage = "sometimes"; break;
        }

        var ex = await Assert.ThrowsAsync<StripeException>(() => Client.V1.Checkout.Sessions.CreateAsync(options));

        Assert.Equal(HttpStatusCode.BadRequest, ex.HttpStatusCode);
        Assert.Equal("invalid_request_error", ex.StripeError.Type);
        Assert.Equal(param, ex.StripeError.Param);
        Assert.Empty(Stripe.PaymentIntents);
    }

    [Fact]
    public async Task Expire_closes_an_open_session_once()
    {
        var session = await Client.V1.Checkout.Sessions.CreateAsync(DonationSession());

        var expired = await Client.V1.Checkout.Sessions.ExpireAsync(session.Id);
        var again = await Assert.ThrowsAsync<StripeException>(() => Client.V1.Checkout.Sessions.ExpireAsync(session.Id));

        Assert.Equal("expired", expired.Status);
        Assert.Null(expired.Url);
        Assert.Equal(HttpStatusCode.BadRequest, again.HttpStatusCode);
        Assert.Equal("checkout.session.expired", Assert.Single(Stripe.Events).Type);
        Assert.Throws<InvalidOperationException>(() => Stripe.CompleteCheckout(session.Id));
    }
}

using System.Net;
using Stripe;

namespace Portal.FakeStripe.Tests;

public sealed class SearchTests : FakeStripeTestBase
{
    private readonly ManualClock clock = new(DateTimeOffset.UtcNow);

    protected override FakeStripeOptions Options => new() { TimeProvider = clock, SearchVisibilityDelay = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Search_by_metadata_finds_the_charge_including_a_declined_one()
    {
        await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, chargeId: "chg-1"));
        var declined = await Assert.ThrowsAsync<StripeException>(
            () => Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Declined, chargeId: "chg-2")));
        clock.Advance(TimeSpan.FromMinutes(1));

        var result = await Client.V1.PaymentIntents.SearchAsync(new PaymentIntentSearchOptions { Query = "metadata['charge_id']:'chg-2'" });

        Assert.Equal("search_result", result.Object);
        Assert.False(result.HasMore);
        var found = Assert.Single(result.Data);
        Assert.Equal(declined.StripeError.PaymentIntent.Id, found.Id);
        Assert.Equal("requires_payment_method", found.Status);
    }

    [Fact]
    public async Task Clauses_joined_by_AND_must_all_match()
    {
        var options = OffSession(TestPaymentMethods.Visa, chargeId: "chg-3");
        options.Metadata["batch"] = "2026-11";
        var pi = await Client.V1.PaymentIntents.CreateAsync(options);
        clock.Advance(TimeSpan.FromMinutes(1));

        var both = await Client.V1.PaymentIntents
            .SearchAsync(new PaymentIntentSearchOptions { Query = "metadata['charge_id']:'chg-3' AND metadata['batch']:'2026-11'" });
        var wrong = await Client.V1.PaymentIntents
            .SearchAsync(new PaymentIntentSearchOptions { Query = "metadata['charge_id']:'chg-3' AND metadata['batch']:'2026-12'" });

        Assert.Equal(pi.Id, Assert.Single(both.Data).Id);
        Assert.Empty(wrong.Data);
    }

    [Fact]
    public async Task New_PaymentIntents_become_searchable_only_after_the_visibility_delay()
    {
        await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, chargeId: "chg-4"));
        var query = new PaymentIntentSearchOptions { Query = "metadata['charge_id']:'chg-4'" };

        var early = await Client.V1.PaymentIntents.SearchAsync(query);
        clock.Advance(TimeSpan.FromSeconds(31));
        var later = await Client.V1.PaymentIntents.SearchAsync(query);

        Assert.Empty(early.Data);
        Assert.Single(later.Data);
    }

    [Fact]
    public async Task Search_pages_newest_first_through_every_match()
    {
        for (var i = 0; i < 5; i++)
        {
            await Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa, chargeId: "same"));
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        var all = new List<PaymentIntent>();
        await foreach (var pi in Client.V1.PaymentIntents
            .SearchAutoPagingAsync(new PaymentIntentSearchOptions { Query = "metadata['charge_id']:'same'", Limit = 2 }))
        {
            all.Add(pi);
        }

        Assert.Equal(5, all.Select(p => p.Id).Distinct().Count());
        Assert.Equal(3, Stripe.Requests.Count("GET", "/v1/payment_intents/search"));
    }

    [Fact]
    public async Task Unsupported_queries_are_refused()
    {
        var ex = await Assert.ThrowsAsync<StripeException>(() =>
            Client.V1.PaymentIntents.SearchAsync(new PaymentIntentSearchOptions { Query = "status:'succeeded'" }));

        Assert.Equal(HttpStatusCode.BadRequest, ex.HttpStatusCode);
        Assert.Equal("query", ex.StripeError.Param);
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}

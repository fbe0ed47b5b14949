using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Stripe;

namespace Portal.FakeStripe.Tests;

/// <summary>The HTTP surface around the endpoints: authentication, unknown URLs and ids, headers.</summary>
public sealed class ProtocolTests : FakeStripeTestBase
{
    [Fact]
    public async Task A_wrong_key_is_a_401_for_Stripe_net()
    {
        var wrong = new StripeClient(new StripeClientOptions { ApiKey = "sk_test_wrong", ApiBase = Stripe.BaseUrl });

        var ex = await Assert.ThrowsAsync<StripeException>(() => wrong.V1.Customers.GetAsync("cus_1"));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.HttpStatusCode);
        Assert.Equal("invalid_request_error", ex.StripeError.Type);
        Assert.StartsWith("Invalid API Key provided", ex.StripeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_key_is_a_401_and_basic_auth_works_like_Stripe()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Stripe.BaseUrl) };

        using var missing = await http.GetAsync(new Uri("/v1/events", UriKind.Relative));
        using var basic = new HttpRequestMessage(HttpMethod.Get, "/v1/events");
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("sk_test_x:"u8.ToArray()));
        using var viaBasic = await http.SendAsync(basic);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.StartsWith("You did not provide an API key", (await Error(missing))["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, viaBasic.StatusCode);
    }

    [Fact]
    public async Task Unknown_urls_are_Stripe_404s()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Stripe.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Stripe.ApiKey);

        using var response = await http.GetAsync(new Uri("/v1/nope?x=1", UriKind.Relative));
        var viaClient = await Assert.ThrowsAsync<StripeException>(() => Client.V1.Subscriptions.GetAsync("sub_1"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await Error(response);
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.StartsWith("Unrecognized request URL (GET: /v1/nope?x=1)", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, viaClient.HttpStatusCode);
    }

    [Fact]
    public async Task Unknown_ids_are_resource_missing()
    {
        var ex = await Assert.ThrowsAsync<StripeException>(() => Client.V1.PaymentIntents.GetAsync("pi_missing"));
        var wrongKind = await Assert.ThrowsAsync<StripeException>(() => Client.V1.Customers.GetAsync("pi_missing"));

        Assert.Equal(HttpStatusCode.NotFound, ex.HttpStatusCode);
        Assert.Equal(("resource_missing", "id"), (ex.StripeError.Code, ex.StripeError.Param));
        Assert.Equal("No such payment_intent: 'pi_missing'", ex.StripeError.Message);
        Assert.Equal(HttpStatusCode.NotFound, wrongKind.HttpStatusCode);
    }

    [Fact]
    public async Task Customers_round_trip_and_answers_carry_Stripe_headers()
    {
        var created = await Client.V1.Customers.CreateAsync(new CustomerCreateOptions
        {
            Email = "ada@example.org",
            Name = "Ada",
            Metadata = new() { ["donor_id"] = "d-1" },
        });
        var read = await Client.V1.Customers.GetAsync(created.Id);

        Assert.StartsWith("cus_", created.Id, StringComparison.Ordinal);
        Assert.Equal(("ada@example.org", "Ada", "d-1"), (read.Email, read.Name, read.Metadata["donor_id"]));
        Assert.StartsWith("req_", read.StripeResponse.RequestId, StringComparison.Ordinal);
        Assert.Equal(StripeConfiguration.ApiVersion, read.StripeResponse.Headers.GetValues("Stripe-Version").Single());
    }

    [Fact]
    public async Task A_seed_makes_ids_repeatable()
    {
        async Task<string> FirstPaymentIntentId()
        {
            await using var seeded = await FakeStripeServer.StartAsync(new FakeStripeOptions { IdSeed = 42 });
            return (await seeded.CreateClient().V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa))).Id;
        }

        Assert.Equal(await FirstPaymentIntentId(), await FirstPaymentIntentId());
    }

    private static async Task<JsonObject> Error(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.AsObject();
}

using System.Net;
using Stripe;

namespace Portal.FakeStripe.Tests;

/// <summary>Many concurrent requests under random faults and latency, as the benchmark will run them.</summary>
public sealed class ChaosTests : FakeStripeTestBase
{
    [Fact]
    public async Task Under_random_faults_every_charge_happens_exactly_once_when_retried_with_its_key()
    {
        Stripe.Faults.Random(0.3, [FaultKind.RateLimit, FaultKind.ServerErrorBeforeExecution, FaultKind.ServerErrorAfterExecution,
            FaultKind.ConnectionResetAfterExecution], seed: 7);
        var charges = Enumerable.Range(1, 30).Select(i => $"chg-{i}").ToList();

        var ids = await Task.WhenAll(charges.Select(async charge =>
        {
            while (true)
            {
                try
                {
                    return (await Client.V1.PaymentIntents
                        .CreateAsync(OffSession(TestPaymentMethods.Visa, chargeId: charge), Key("charge-" + charge))).Id;
                }
                catch (Exception e) when (e is StripeException { HttpStatusCode: (HttpStatusCode)429 or >= HttpStatusCode.InternalServerError }
                    or HttpRequestException)
                {
                    // What the portal does: try again later with the same key.
                }
            }
        }));

        Assert.True(Stripe.Faults.Injected > 0);
        Assert.Equal(30, ids.Distinct().Count());
        Assert.Equal(30, Stripe.PaymentIntents.Count);
        Assert.All(Stripe.PaymentIntents.GroupBy(p => p.Metadata["charge_id"]), g => Assert.Single(g));
    }

    [Fact]
    public async Task Latency_delays_every_request_without_blocking_others()
    {
        Stripe.Latency = TimeSpan.FromMilliseconds(300);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Client.V1.PaymentIntents.CreateAsync(OffSession(TestPaymentMethods.Visa))));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(290), TimeSpan.FromSeconds(2.5));
        Assert.Equal(10, Stripe.PaymentIntents.Count);
    }
}

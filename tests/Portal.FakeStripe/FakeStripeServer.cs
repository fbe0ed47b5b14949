using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace Portal.FakeStripe;

/// <summary>
/// A local fake of Stripe's HTTP API on Kestrel (127.0.0.1, a free port) for the real Stripe.net client.
/// <code>
/// await using var stripe = await FakeStripeServer.StartAsync();
/// var client = stripe.CreateClient();            // or new StripeClient(... ApiBase = stripe.BaseUrl ...)
/// </code>
/// </summary>
public sealed partial class FakeStripeServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly FakeStripeStore store;
    private readonly List<HttpClient> clients = [];
    private RequestPipeline pipeline = null!;
    private Renderer renderer = null!;
    private EventStore events = null!;
    private CheckoutDriver checkout = null!;
    private RefundOutcomes refundOutcomes = null!;
    private PayoutLedger payouts = null!;
    private DisputeLedger disputes = null!;

    private FakeStripeServer(WebApplication app, FakeStripeOptions options)
    {
        this.app = app;
        store = new FakeStripeStore(options);
    }

    /// <summary>Base URL to give Stripe.net as <c>ApiBase</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public FakeStripeOptions Options => store.Options;

    /// <summary>The secret key the fake accepts.</summary>
    public string ApiKey => store.Options.ApiKey;

    public FaultInjector Faults { get; } = new();

    public RequestLog Requests { get; } = new();

    /// <summary>Added to every request (Task.Delay, no thread blocked), e.g. 200 ms for a paced benchmark.</summary>
    public TimeSpan Latency
    {
        get => pipeline.Latency;
        set => pipeline.Latency = value;
    }

    /// <summary>Every PaymentIntent, in no particular order (a snapshot).</summary>
    public IReadOnlyCollection<FakePaymentIntent> PaymentIntents => [.. store.PaymentIntents.Values];

    /// <summary>Every event produced so far, oldest first.</summary>
    public IReadOnlyList<FakeEvent> Events => events.All();

    /// <summary>How many idempotency keys hold a stored result or a request in flight.</summary>
    public int IdempotencyKeyCount => Idempotency.Count;

    private IdempotencyStore Idempotency { get; } = new();

    public static async Task<FakeStripeServer> StartAsync(FakeStripeOptions? options = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeStripeServer(app, options ?? new FakeStripeOptions());
        app.Run(ctx => server.pipeline.HandleAsync(ctx));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Wire(address.TrimEnd('/'));
        return server;
    }

    /// <summary>
    /// A Stripe.net client pointed at this fake. The HttpClient is disposed with the server.
    /// <paramref name="timeout"/> is the per-attempt HTTP timeout (what <see cref="FaultKind.TimeoutAfterExecution"/> trips).
    /// </summary>
    public StripeClient CreateClient(int maxNetworkRetries = 2, TimeSpan? timeout = null)
    {
        var http = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(80) };
        lock (clients)
        {
            clients.Add(http);
        }

        return new StripeClient(new StripeClientOptions
        {
            ApiKey = ApiKey,
            ApiBase = BaseUrl,
            HttpClient = new SystemNetHttpClient(http, maxNetworkRetries),
        });
    }

    public async Task StopAsync()
    {
        await app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        lock (clients)
        {
            clients.ForEach(c => c.Dispose());
            clients.Clear();
        }
    }

    private void Wire(string baseUrl)
    {
        BaseUrl = baseUrl;
        var money = new Money(store.Options);
        var engine = new PaymentEngine(store, money);
        renderer = new Renderer(store, baseUrl);
        events = new EventStore(store);
        var balance = new Balance(store);
        refundOutcomes = new RefundOutcomes(store, balance, events);
        payouts = new PayoutLedger(store, balance, events);
        disputes = new DisputeLedger(store, balance, renderer, events);
        checkout = new CheckoutDriver(store, engine, renderer, events);
        var api = new Api(store, renderer, engine, new RefundLedger(store, balance), events, checkout, new SessionFactory(store, baseUrl));
        pipeline = new RequestPipeline(store, api, Idempotency, Faults, Requests);
    }
}

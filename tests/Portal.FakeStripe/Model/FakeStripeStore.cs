using System.Collections.Concurrent;

namespace Portal.FakeStripe;

/// <summary>
/// All objects of one fake account, each kind in its own <see cref="ConcurrentDictionary{TKey,TValue}"/>
/// so concurrent charges never contend on a shared lock. A PaymentIntent metadata index keeps
/// <c>/v1/payment_intents/search</c> cheap even after 100,000 charges.
/// </summary>
internal sealed class FakeStripeStore(FakeStripeOptions options)
{
    private long seq;

    public FakeStripeOptions Options { get; } = options;

    public IdGenerator Ids { get; } = new(options.IdSeed);

    public ConcurrentDictionary<string, CustomerRecord> Customers { get; } = new(StringComparer.Ordinal);

    /// <summary>Customers deleted with <c>DELETE /v1/customers/{id}</c>: retrieving one answers Stripe's deleted-customer object.</summary>
    public ConcurrentDictionary<string, CustomerRecord> DeletedCustomers { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, PaymentMethodRecord> PaymentMethods { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, SessionRecord> Sessions { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, SetupIntentRecord> SetupIntents { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, FakePaymentIntent> PaymentIntents { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, ChargeRecord> Charges { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, BalanceTransactionRecord> BalanceTransactions { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, RefundRecord> Refunds { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, PayoutRecord> Payouts { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, DisputeRecord> Disputes { get; } = new(StringComparer.Ordinal);

    /// <summary>"key\0value" → ids of PaymentIntents whose metadata has that pair (metadata never changes here).</summary>
    private ConcurrentDictionary<string, ConcurrentQueue<string>> PaymentIntentsByMetadata { get; } = new(StringComparer.Ordinal);

    public long NextSeq() => Interlocked.Increment(ref seq);

    public long Now() => Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();

    public void AddPaymentIntent(FakePaymentIntent pi)
    {
        PaymentIntents[pi.Id] = pi;
        foreach (var (key, value) in pi.Metadata)
        {
            PaymentIntentsByMetadata.GetOrAdd(MetadataKey(key, value), _ => new ConcurrentQueue<string>()).Enqueue(pi.Id);
        }
    }

    public IEnumerable<FakePaymentIntent> PaymentIntentsWithMetadata(string key, string value) =>
        PaymentIntentsByMetadata.TryGetValue(MetadataKey(key, value), out var ids)
            ? ids.Select(id => PaymentIntents[id])
            : [];

    /// <summary>Applies <paramref name="change"/> atomically (compare-and-swap), retrying if another request won.</summary>
    public static TValue Update<TValue>(ConcurrentDictionary<string, TValue> map, string id, Func<TValue, TValue> change)
        where TValue : class
    {
        while (true)
        {
            var current = map[id];
            var next = change(current);
            if (map.TryUpdate(id, next, current))
            {
                return next;
            }
        }
    }

    private static string MetadataKey(string key, string value) => string.Concat(key, "\0", value);
}

namespace Portal.FakeStripe;

/// <summary>
/// Makes Stripe-looking ids ("pi_3Qx..."). Random by default; with a seed the sequence is repeatable,
/// which lets a test pin ids in snapshots. A seeded generator is shared by all request threads, so it
/// takes a short lock; the unseeded one uses <see cref="Random.Shared"/>, which is already thread-safe.
/// </summary>
internal sealed class IdGenerator
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int RandomLength = 24;

    private readonly Random? seeded;
    private readonly Lock gate = new();

    public IdGenerator(int? seed)
    {
        // CA5394: these ids only need to be unique inside one fake, not unpredictable.
#pragma warning disable CA5394
        seeded = seed is int s ? new Random(s) : null;
#pragma warning restore CA5394
    }

    public string Next(string prefix)
    {
        Span<char> chars = stackalloc char[RandomLength];
        if (seeded is null)
        {
            Fill(Random.Shared, chars);
        }
        else
        {
            lock (gate)
            {
                Fill(seeded, chars);
            }
        }

        return string.Concat(prefix, "_", chars);
    }

    private static void Fill(Random random, Span<char> chars)
    {
        for (var i = 0; i < chars.Length; i++)
        {
#pragma warning disable CA5394
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
#pragma warning restore CA5394
        }
    }
}

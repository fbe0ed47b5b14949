using System.Globalization;
using Portal.Core.Payments;
using Portal.FakeStripe;

namespace Portal.Bench;

/// <summary>
/// The child process side: the fake Stripe on its own heap, so the bench's peak memory is the charge run's alone.
/// It prints <c>ready BASE_URL API_KEY</c>, then obeys one command a line on stdin, answering <c>ok ...</c>:
/// <c>latency MS</c> sets the delay added to every request; <c>dump PATH</c> writes every PaymentIntent's
/// <c>charge_id</c>, attempt and status to PATH, tab-separated; <c>payout CURRENCY</c> pays out and answers its id;
/// <c>complete IN OUT</c> pays every checkout session named in IN (one id a line) with a Visa card, as donors would on the
/// hosted page, and writes to OUT one line per event Stripe would send (see <see cref="CompleteAsync"/>), answering the
/// number of events. It stops when stdin closes.
/// </summary>
internal static class FakeStripeHost
{
    public const string Command = "serve-fake-stripe";

    public static async Task RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var latency = args is ["--latency-ms", var ms] ? int.Parse(ms, CultureInfo.InvariantCulture) : 0;
        // Webhook events are not read by the charge run; recording 100,000 of them would only cost memory.
        await using var stripe = await FakeStripeServer.StartAsync(new FakeStripeOptions { RecordApiEvents = false }, cancellationToken);
        stripe.Latency = TimeSpan.FromMilliseconds(latency);
        await output.WriteLineAsync($"ready {stripe.BaseUrl} {stripe.ApiKey}");
        await output.FlushAsync(cancellationToken);
        while (await Console.In.ReadLineAsync(cancellationToken) is { } line)
        {
            var answer = line.Split(' ', 2) switch
            {
                ["latency", var value] => SetLatency(stripe, int.Parse(value, CultureInfo.InvariantCulture)),
                ["dump", var path] => await DumpAsync(stripe, path, cancellationToken),
                ["payout", var currency] => $"ok {stripe.CreatePayout(currency).Id}",
                ["complete", var paths] when paths.Split(' ') is [var input, var outputPath] =>
                    await CompleteAsync(stripe, input, outputPath, cancellationToken),
                _ => $"error unknown command '{line}'",
            };
            await output.WriteLineAsync(answer);
            await output.FlushAsync(cancellationToken);
        }
    }

    private static string SetLatency(FakeStripeServer stripe, int milliseconds)
    {
        stripe.Latency = TimeSpan.FromMilliseconds(milliseconds);
        return "ok";
    }

    private static async Task<string> DumpAsync(FakeStripeServer stripe, string path, CancellationToken cancellationToken)
    {
        var intents = stripe.PaymentIntents;
        await File.WriteAllLinesAsync(
            path,
            intents.Select(pi => string.Join(
                '\t',
                pi.Metadata.GetValueOrDefault(PaymentMetadata.ChargeId, ""),
                pi.Metadata.GetValueOrDefault(PaymentMetadata.Attempt, ""),
                pi.Status)),
            cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"ok {intents.Count}");
    }

    /// <summary>
    /// Completes each session in the order given. Each line written is tab-separated: the session id, when this process
    /// completed it (UTC ticks), the event's id, its type and its JSON payload (compact JSON holds no tab or line break).
    /// </summary>
    private static async Task<string> CompleteAsync(FakeStripeServer stripe, string input, string outputPath, CancellationToken cancellationToken)
    {
        var count = 0;
        await using var writer = new StreamWriter(outputPath, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        foreach (var sessionId in await File.ReadAllLinesAsync(input, cancellationToken))
        {
            var events = stripe.CompleteCheckout(sessionId, TestPaymentMethods.Visa);
            var completedAt = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
            foreach (var stripeEvent in events)
            {
                await writer.WriteLineAsync($"{sessionId}\t{completedAt}\t{stripeEvent.Id}\t{stripeEvent.Type}\t{stripeEvent.Json}");
                count++;
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"ok {count}");
    }
}

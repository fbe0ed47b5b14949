using System.Diagnostics;
using System.Globalization;

namespace Portal.Bench;

/// <summary>The parent side: starts this same program as <c>serve-fake-stripe</c> and talks to it over stdin/stdout.</summary>
internal sealed class FakeStripeProcess : IAsyncDisposable
{
    private readonly Process process;

    private FakeStripeProcess(Process process, string baseUrl, string apiKey)
    {
        this.process = process;
        BaseUrl = baseUrl;
        ApiKey = apiKey;
    }

    public string BaseUrl { get; }

    public string ApiKey { get; }

    /// <summary>CPU time the fake has used so far.</summary>
    public TimeSpan CpuTime => process.HasExited ? TimeSpan.Zero : process.TotalProcessorTime;

    public static async Task<FakeStripeProcess> StartAsync(CancellationToken cancellationToken)
    {
        var start = ThisProgram();
        start.ArgumentList.Add(FakeStripeHost.Command);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the fake Stripe process.");
        var ready = await process.StandardOutput.ReadLineAsync(cancellationToken);
        if (ready?.Split(' ') is not ["ready", var baseUrl, var apiKey])
        {
            process.Kill();
            throw new InvalidOperationException($"The fake Stripe process did not start: '{ready}'.");
        }

        return new FakeStripeProcess(process, baseUrl, apiKey);
    }

    public Task SetLatencyAsync(int milliseconds, CancellationToken cancellationToken) =>
        AskAsync(string.Create(CultureInfo.InvariantCulture, $"latency {milliseconds}"), cancellationToken);

    /// <summary>Every PaymentIntent the fake holds: (charge_id, attempt, status).</summary>
    public async Task<List<(string ChargeId, string Attempt, string Status)>> PaymentIntentsAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, "payment-intents.tsv");
        await AskAsync($"dump {path}", cancellationToken);
        return [.. (await File.ReadAllLinesAsync(path, cancellationToken)).Select(line => line.Split('\t')).Select(f => (f[0], f[1], f[2]))];
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    /// <summary>Pays out every balance transaction of the currency not yet paid out; returns the payout's id.</summary>
    public async Task<string> PayOutAsync(string currency, CancellationToken cancellationToken) =>
        (await AskAsync($"payout {currency}", cancellationToken)).Split(' ')[1];

    /// <summary>
    /// Pays every session with a card at the fake, in the order given, and returns the file of the events it produced:
    /// one line each, tab-separated: session id, completion time (UTC ticks), event id, type, JSON payload.
    /// </summary>
    public async Task<(string Path, int Events)> CompleteCheckoutsAsync(
        string folder, IEnumerable<string> sessionIds, CancellationToken cancellationToken)
    {
        var input = Path.Combine(folder, "sessions.txt");
        var output = Path.Combine(folder, "events.tsv");
        await File.WriteAllLinesAsync(input, sessionIds, cancellationToken);
        var answer = await AskAsync($"complete {input} {output}", cancellationToken);
        return (output, int.Parse(answer.Split(' ')[1], CultureInfo.InvariantCulture));
    }

    private async Task<string> AskAsync(string command, CancellationToken cancellationToken)
    {
        await process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
        await process.StandardInput.FlushAsync(cancellationToken);
        var answer = await process.StandardOutput.ReadLineAsync(cancellationToken);
        if (answer is null || !answer.StartsWith("ok", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The fake Stripe process answered '{answer}' to '{command}'.");
        }

        return answer;
    }

    /// <summary>
    /// This program again: its apphost when there is one, else <c>dotnet Portal.Bench.dll</c> (as when a test
    /// loaded the bench as a library).
    /// </summary>
    internal static ProcessStartInfo ThisProgram()
    {
        var assembly = typeof(FakeStripeProcess).Assembly.Location;
        var apphost = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        if (File.Exists(apphost))
        {
            return new ProcessStartInfo(apphost);
        }

        var host = Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet"
            ? current
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host);
        start.ArgumentList.Add(assembly);
        return start;
    }
}

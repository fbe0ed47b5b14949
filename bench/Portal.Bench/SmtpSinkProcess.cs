using System.Diagnostics;
using System.Globalization;

namespace Portal.Bench;

/// <summary>The parent side: starts this program as <c>serve-smtp-sink</c> and asks it what it received.</summary>
internal sealed class SmtpSinkProcess : IAsyncDisposable
{
    private readonly Process process;

    private SmtpSinkProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SmtpSinkProcess> StartAsync(CancellationToken cancellationToken)
    {
        var start = FakeStripeProcess.ThisProgram();
        start.ArgumentList.Add(SmtpSinkHost.Command);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP sink process.");
        var ready = await process.StandardOutput.ReadLineAsync(cancellationToken);
        if (ready?.Split(' ') is not ["ready", var port])
        {
            process.Kill();
            throw new InvalidOperationException($"The SMTP sink did not start: '{ready}'.");
        }

        return new SmtpSinkProcess(process, int.Parse(port, CultureInfo.InvariantCulture));
    }

    public async Task<(long Received, long Duplicates)> StatsAsync(CancellationToken cancellationToken)
    {
        await process.StandardInput.WriteLineAsync("stats".AsMemory(), cancellationToken);
        await process.StandardInput.FlushAsync(cancellationToken);
        var answer = await process.StandardOutput.ReadLineAsync(cancellationToken);
        if (answer?.Split(' ') is not ["ok", var received, var duplicates])
        {
            throw new InvalidOperationException($"The SMTP sink answered '{answer}'.");
        }

        return (long.Parse(received["received=".Length..], CultureInfo.InvariantCulture), long.Parse(
            duplicates["duplicates=".Length..],
            CultureInfo.InvariantCulture));
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
}

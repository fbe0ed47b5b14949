using System.Globalization;
using Portal.Testing;

namespace Portal.Bench;

/// <summary>
/// The portal as it is deployed: Portal.Web in a process of its own (Production, jobs off, plain HTTP on loopback),
/// over a database the bench seeded. Its memory is the portal's alone: not the seeding's code and data, nor the load
/// client's, which share the bench's process. Read on Linux from /proc: the peak is the kernel's high-water mark of
/// the process's resident set since it started.
/// </summary>
internal sealed class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly NodeProcess node;

    private PortalProcess(NodeProcess node) => this.node = node;

    public Uri Address => node.Address!;

    /// <summary>Starts the portal with <paramref name="settings"/> (configuration keys, ':' or '__') and waits until it is ready.</summary>
    public static async Task<PortalProcess> StartAsync(string folder, IReadOnlyDictionary<string, string?> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            // The static files are those of src/Portal.Web, as for the portal the bench hosts in its own process.
            ["ASPNETCORE_CONTENTROOT"] = PagesPortal.ContentRoot(),
            ["Portal__AllowPlainHttp"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings.Concat(KeyRingCertificates.Settings()))
        {
            if (value is not null)
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        var node = NodeProcess.Web("portal", environment, folder);
        node.Start();
        try
        {
            await node.WaitUntilReadyAsync(StartTimeout);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return new PortalProcess(node);
    }

    /// <summary>The resident set now, in MiB.</summary>
    public double CurrentMiB() => Status("VmRSS:");

    /// <summary>The most the process has held resident since it started, in MiB.</summary>
    public double PeakMiB() => Status("VmHWM:");

    /// <summary>Where the process's memory is: its resident set and the anonymous part of it (heaps, compiled code).</summary>
    public string Breakdown()
    {
        var lines = File.ReadAllLines($"/proc/{node.ProcessId}/smaps_rollup")
            .Where(l => l.StartsWith("Rss", StringComparison.Ordinal) || l.StartsWith("Anonymous", StringComparison.Ordinal));
        return string.Join("; ", lines.Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"\s+", " ")));
    }

    /// <summary>The portal's last lines, for a failure message.</summary>
    public string Output() => node.Output();

    public async ValueTask DisposeAsync()
    {
        await node.StopAsync(TimeSpan.FromMinutes(1));
        await node.DisposeAsync();
    }

    /// <summary>A size line of /proc/pid/status (in kB there), in MiB.</summary>
    private double Status(string field)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The portal's memory is read from /proc.");
        }

        var line = File.ReadLines($"/proc/{node.ProcessId}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        var kilobytes = long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }
}

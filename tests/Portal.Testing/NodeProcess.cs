using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.Testing;

/// <summary>
/// One portal node as an operator runs it: <c>dotnet Portal.Web.dll</c> or <c>dotnet Portal.Jobs.dll</c> from the
/// project's build folder, configured by environment variables, its output kept in a log file for the failure message.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly string program;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly string logFile;
    private Process? process;
    private StreamWriter? log;

    private NodeProcess(string name, string program, IReadOnlyDictionary<string, string> environment, string logFolder)
    {
        Name = name;
        this.program = program;
        this.environment = environment;
        logFile = Path.Combine(logFolder, $"{name}.log");
    }

    public string Name { get; }

    /// <summary>The node's address: a web node's, or a worker's health listener (<c>Jobs:HealthUrls</c>) when it has one.</summary>
    public Uri? Address { get; private init; }

    public int ProcessId => process?.Id ?? 0;

    public bool HasExited => process is null || process.HasExited;

    /// <summary>CPU time the running process has used so far (user and system); zero when it is not running.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            try
            {
                return process is { HasExited: false } ? process.TotalProcessorTime : TimeSpan.Zero;
            }
            catch (InvalidOperationException)
            {
                // Exited between the two reads.
                return TimeSpan.Zero;
            }
        }
    }

    public static NodeProcess Web(string name, IDictionary<string, string> settings, string logFolder)
    {
        var port = FreePort();
        var environment = new Dictionary<string, string>(settings) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" };
        return new NodeProcess(name, Program("Portal.Web"), environment, logFolder) { Address = new Uri($"http://127.0.0.1:{port}") };
    }

    /// <param name="healthListener">Give the worker a health listener on a free port, so that it can be probed as a web node is.</param>
    public static NodeProcess Worker(string name, IDictionary<string, string> settings, string logFolder, bool healthListener = false)
    {
        var environment = new Dictionary<string, string>(settings);
        if (!healthListener)
        {
            return new NodeProcess(name, Program("Portal.Jobs"), environment, logFolder);
        }

        var port = FreePort();
        environment["Jobs__HealthUrls"] = $"http://127.0.0.1:{port}";
        return new NodeProcess(name, Program("Portal.Jobs"), environment, logFolder) { Address = new Uri($"http://127.0.0.1:{port}") };
    }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(program)!,
        };
        start.ArgumentList.Add(program);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        log ??= new StreamWriter(logFile, append: true) { AutoFlush = true };
        log.WriteLine($"---- start {DateTime.UtcNow:O}");
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Write(line.Data);
        process.ErrorDataReceived += (_, line) => Write(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Waits until the node (a web node, or a worker with a health listener) answers its readiness probe.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"{Name} stopped while starting:{Environment.NewLine}{Output()}");
            }

            try
            {
                if ((await client.GetAsync(new Uri(Address!, "/health/ready"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout}:{Environment.NewLine}{Output()}");
    }

    /// <summary>SIGKILL: the machine lost power. Nothing of the process runs after this.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM, as systemd or an orchestrator stops a node; waits for it to exit.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (process is not { HasExited: false })
        {
            return process?.ExitCode ?? 0;
        }

        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(timeout);
        return process.ExitCode;
    }

    /// <summary>Everything the node wrote, for a failure message (the last 200 lines).</summary>
    public string Output()
    {
        try
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n');
            return string.Join('\n', lines.TakeLast(200));
        }
        catch (IOException)
        {
            return "(no output)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
        if (log is not null)
        {
            await log.DisposeAsync();
        }
    }

    private void Write(string? line)
    {
        if (line is not null)
        {
            lock (logFile)
            {
                log?.WriteLine(line);
            }
        }
    }

    /// <summary>The built program of a project in this checkout, of the same configuration as the calling program (a test, the bench).</summary>
    private static string Program(string project)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var built = Path.Combine(folder.FullName, "src", project, "bin", configuration, "net10.0", $"{project}.dll");
            if (File.Exists(built))
            {
                return built;
            }
        }

        throw new InvalidOperationException($"{project}.dll is not built for {configuration} above {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using Portal.Core.Data;

namespace Portal.Testing;

/// <summary>
/// Web and worker nodes on one PostgreSQL database, as in production: Production environment, Hangfire's storage in
/// the same database, the shared key ring certificate, the sandbox gateway (allowed) and a real SMTP relay. Used by the
/// Nodes tests and by the bench's <c>nodes</c> command.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly List<NodeProcess> nodes = [];

    private Cluster(TestDatabase database, TestSmtpServer smtp, string folder, IReadOnlyDictionary<string, string> extra)
    {
        Database = database;
        Smtp = smtp;
        Folder = folder;
        Settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            // The nodes listen on loopback over plain HTTP; outside tests the portal insists on HTTPS.
            ["Portal__AllowPlainHttp"] = "true",
            ["Portal__PublicBaseUrl"] = "http://portal.test",
            ["Database__Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["Database__ConnectionString"] = database.ConnectionString,
            ["Payments__AllowSandbox"] = "true",
            ["DataProtection__CertificatePath"] = KeyRingCertificates.SharedPath,
            ["DataProtection__CertificatePassword"] = KeyRingCertificates.Password,
            ["Email__Transport"] = "Smtp",
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email__Smtp__Security"] = "None",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Hangfire"] = "Information",
        };
        foreach (var (key, value) in extra)
        {
            Settings[key] = value;
        }
    }

    public TestDatabase Database { get; }

    public TestSmtpServer Smtp { get; }

    public string Folder { get; }

    public Dictionary<string, string> Settings { get; }

    public static async Task<Cluster> CreateAsync(IReadOnlyDictionary<string, string> settings)
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", "nodes-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new Cluster(database, TestSmtpServer.Start(), folder, settings);
    }

    /// <param name="settings">This node's own settings on top of the cluster's.</param>
    public NodeProcess Web(string name, IReadOnlyDictionary<string, string>? settings = null) =>
        Add(NodeProcess.Web(name, NodeSettings(name, web: true, settings), Folder));

    /// <param name="settings">This node's own settings on top of the cluster's (a worker on another gateway).</param>
    /// <param name="healthListener">Serve /health/ready on a free port (<see cref="NodeProcess.Address"/>).</param>
    public NodeProcess Worker(string name, IReadOnlyDictionary<string, string>? settings = null, bool healthListener = false) =>
        Add(NodeProcess.Worker(name, NodeSettings(name, web: false, settings), Folder, healthListener));

    /// <summary>A browser on a node; clients made with the same cookie jar share a session, as one browser behind a balancer.</summary>
    public static HttpClient Browser(NodeProcess node, CookieContainer jar) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = jar })
        {
            BaseAddress = node.Address,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>Every node's output, for a failure message.</summary>
    public string Output() =>
        string.Join(Environment.NewLine, nodes.Select(n => $"==== {n.Name} (pid {n.ProcessId}){Environment.NewLine}{n.Output()}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        await Smtp.DisposeAsync();
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temporary folder's own clean-up.
        }
    }

    private Dictionary<string, string> NodeSettings(string name, bool web, IReadOnlyDictionary<string, string>? own)
    {
        var settings = new Dictionary<string, string>(Settings) { ["Portal__DataFolder"] = Path.Combine(Folder, name) };
        if (web)
        {
            settings["Jobs__RunServer"] = "false";
        }

        foreach (var (key, value) in own ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    private NodeProcess Add(NodeProcess node)
    {
        nodes.Add(node);
        return node;
    }
}

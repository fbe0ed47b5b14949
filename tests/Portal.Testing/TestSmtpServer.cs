using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Storage;
// SmtpServer and MailKit both name a type SmtpResponse; this file means the server's.
using ServerResponse = SmtpServer.Protocol.SmtpResponse;

namespace Portal.Testing;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer library) on a free loopback port. It keeps every message
/// it accepts, and refuses for good (550) any recipient <see cref="RefuseRecipient"/> names.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer server;
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;

    private TestSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IMessageStore>(new Store(this))
            .AddSingleton<IMailboxFilter>(new Filter(this))
            .BuildServiceProvider();
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    public Func<string, bool> RefuseRecipient { get; set; } = _ => false;

    public static TestSmtpServer Start()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new TestSmtpServer(port);
    }

    /// <summary>A server on a given port: a relay that comes back where it was.</summary>
    public static TestSmtpServer StartOn(int port) => new(port);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        server.Shutdown();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }

        stop.Dispose();
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<ServerResponse> SaveAsync(
            ISessionContext context,
            IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            owner.Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return ServerResponse.Ok;
        }
    }

    private sealed class Filter(TestSmtpServer owner) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!owner.RefuseRecipient($"{to.User}@{to.Host}"));
    }
}

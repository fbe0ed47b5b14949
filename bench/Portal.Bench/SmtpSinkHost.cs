using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Storage;
// SmtpServer and MailKit both name a type SmtpResponse; this file means the server's.
using ServerResponse = SmtpServer.Protocol.SmtpResponse;

namespace Portal.Bench;

/// <summary>
/// The child process side of the send benchmark: an SMTP server (the SmtpServer library) on its own heap and port that
/// accepts everything and counts what it gets: messages, and messages to a recipient it had already received one for.
/// It prints <c>ready PORT</c>; <c>stats</c> on stdin answers <c>ok received=N duplicates=D</c>; it stops when stdin closes.
/// </summary>
internal static class SmtpSinkHost
{
    public const string Command = "serve-smtp-sink";

    public static async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var counts = new Counts();
        var options = new SmtpServerOptionsBuilder().ServerName("sink.localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var server = new SmtpServer.SmtpServer(
            options,
            new ServiceCollection().AddSingleton<IMessageStore>(new Store(counts)).BuildServiceProvider());
        using var stop = new CancellationTokenSource();
        var running = server.StartAsync(stop.Token);
        await output.WriteLineAsync($"ready {port}");
        await output.FlushAsync(cancellationToken);
        while (await Console.In.ReadLineAsync(cancellationToken) is { } line)
        {
            await output.WriteLineAsync(
                line == "stats" ? $"ok received={counts.Received} duplicates={counts.Duplicates}" : $"error unknown command '{line}'");
            await output.FlushAsync(cancellationToken);
        }

        await stop.CancelAsync();
        server.Shutdown();
        await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
    }

    private sealed class Counts
    {
        private readonly HashSet<string> recipients = new(StringComparer.OrdinalIgnoreCase);
        private long received;
        private long duplicates;

        public long Received => Interlocked.Read(ref received);

        public long Duplicates => Interlocked.Read(ref duplicates);

        public void Add(IEnumerable<IMailbox> to)
        {
            Interlocked.Increment(ref received);
            lock (recipients)
            {
                foreach (var mailbox in to)
                {
                    if (!recipients.Add($"{mailbox.User}@{mailbox.Host}"))
                    {
                        Interlocked.Increment(ref duplicates);
                    }
                }
            }
        }
    }

    private sealed class Store(Counts counts) : MessageStore
    {
        public override Task<ServerResponse> SaveAsync(
            ISessionContext context,
            IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            counts.Add(transaction.To);
            return Task.FromResult(ServerResponse.Ok);
        }
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Testing;

/// <summary>
/// A scripted IMAP4rev1 server on a free loopback port: just the commands MailKit sends to log in, open a folder, find
/// unseen messages, fetch them without marking them and flag them \Seen. It logs every command line it receives
/// (<see cref="Commands"/>) and answers BAD to anything else, so a test shows what the client asked for.
/// </summary>
public sealed class TestImapServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly List<Message> messages = [];
    private readonly Task accepting;

    private TestImapServer()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync();
    }

    public int Port { get; }

    public string UserName { get; init; } = "bounces";

    public string Password { get; init; } = "secret";

    public ConcurrentQueue<string> Commands { get; } = new();

    public static TestImapServer Start() => new();

    public void Add(string mime)
    {
        lock (messages)
        {
            messages.Add(new Message((uint)messages.Count + 1, Encoding.ASCII.GetBytes(mime.ReplaceLineEndings("\r\n"))));
        }
    }

    public IReadOnlyList<bool> Seen()
    {
        lock (messages)
        {
            return [.. messages.Select(m => m.Seen)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = Task.Run(() => new ImapSession(this, client).RunAsync(stop.Token));
        }
    }

    internal List<Message> Snapshot()
    {
        lock (messages)
        {
            return [.. messages];
        }
    }

    internal sealed class Message(uint uid, byte[] bytes)
    {
        public uint Uid { get; } = uid;

        public byte[] Bytes { get; } = bytes;

        public bool Seen { get; set; }
    }
}

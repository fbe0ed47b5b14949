using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Portal.Testing;

/// <summary>One client's connection to <see cref="TestImapServer"/>: a line in, the scripted answer out.</summary>
internal sealed class ImapSession(TestImapServer server, TcpClient client)
{
    private readonly NetworkStream stream = client.GetStream();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var _ = client;
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await WriteAsync("* OK [CAPABILITY IMAP4rev1] Test IMAP ready");
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            server.Commands.Enqueue(line);
            var words = line.Split(' ', 3);
            var (tag, command, rest) = (words[0], words.Length > 1 ? words[1].ToUpperInvariant() : "", words.Length > 2 ? words[2] : "");
            if (command == "UID" && rest.Split(' ', 2) is [var inner, .. var more])
            {
                (command, rest) = ("UID " + inner.ToUpperInvariant(), more.FirstOrDefault() ?? "");
            }

            if (!await AnswerAsync(tag, command, rest))
            {
                return;
            }
        }
    }

    /// <returns>False when the client logged out.</returns>
    private async Task<bool> AnswerAsync(string tag, string command, string rest)
    {
        var messages = server.Snapshot();
        switch (command)
        {
            case "CAPABILITY":
                await WriteAsync("* CAPABILITY IMAP4rev1", $"{tag} OK CAPABILITY completed");
                break;
            case "NOOP":
                await WriteAsync($"{tag} OK NOOP completed");
                break;
            case "LOGIN":
                var credentials = rest.Split(' ').Select(w => w.Trim('"')).ToArray();
                await WriteAsync(credentials is [var user, var password] && user == server.UserName && password == server.Password
                    ? $"{tag} OK [CAPABILITY IMAP4rev1] LOGIN completed"
                    : $"{tag} NO [AUTHENTICATIONFAILED] Invalid credentials");
                break;
            case "LIST":
                await WriteAsync(
                    rest.EndsWith("\"\"", StringComparison.Ordinal) ? "* LIST (\\Noselect) \"/\" \"\"" : "* LIST (\\HasNoChildren) \"/\" INBOX",
                    $"{tag} OK LIST completed");
                break;
            case "SELECT" or "EXAMINE":
                await WriteAsync(
                    "* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)",
                    "* OK [PERMANENTFLAGS (\\Seen \\Deleted)] Limited",
                    $"* {messages.Count} EXISTS",
                    "* 0 RECENT",
                    "* OK [UIDVALIDITY 1] UIDs valid",
                    $"* OK [UIDNEXT {messages.Count + 1}] Predicted next UID",
                    $"{tag} OK [READ-WRITE] SELECT completed");
                break;
            case "UID SEARCH":
                var unseen = string.Join(' ', messages.Where(m => !m.Seen).Select(m => m.Uid));
                await WriteAsync(unseen.Length == 0 ? "* SEARCH" : $"* SEARCH {unseen}", $"{tag} OK SEARCH completed");
                break;
            case "UID FETCH":
                foreach (var (message, index) in Matching(messages, rest))
                {
                    await WriteAsync($"* {index} FETCH (UID {message.Uid} BODY[] {{{message.Bytes.Length}}}");
                    await stream.WriteAsync(message.Bytes);
                    await WriteAsync(")");
                    message.Seen |= !rest.Contains("PEEK", StringComparison.OrdinalIgnoreCase);
                }

                await WriteAsync($"{tag} OK FETCH completed");
                break;
            case "UID STORE":
                foreach (var (message, index) in Matching(messages, rest))
                {
                    message.Seen |= rest.Contains("+FLAGS", StringComparison.OrdinalIgnoreCase)
                        && rest.Contains("\\Seen", StringComparison.OrdinalIgnoreCase);
                    if (!rest.Contains(".SILENT", StringComparison.OrdinalIgnoreCase))
                    {
                        await WriteAsync($"* {index} FETCH (UID {message.Uid} FLAGS ({(message.Seen ? "\\Seen" : "")}))");
                    }
                }

                await WriteAsync($"{tag} OK STORE completed");
                break;
            case "LOGOUT":
                await WriteAsync("* BYE Logging out", $"{tag} OK LOGOUT completed");
                return false;
            default:
                await WriteAsync($"{tag} BAD Not scripted: {command}");
                break;
        }

        return true;
    }

    /// <summary>The messages a UID set ("3", "1:4", "2,5", "1:*") names, with their sequence numbers.</summary>
    private static IEnumerable<(TestImapServer.Message Message, int Index)> Matching(List<TestImapServer.Message> messages, string rest)
    {
        var set = rest.Split(' ', 2)[0];
        var uids = set.Split(',').SelectMany(range => range.Split(':') is [var from, var to]
            ? Enumerable.Range(
                int.Parse(from, CultureInfo.InvariantCulture),
                (to == "*" ? messages.Count : int.Parse(to, CultureInfo.InvariantCulture)) - int.Parse(from, CultureInfo.InvariantCulture) + 1)
            : [int.Parse(range, CultureInfo.InvariantCulture)]).ToHashSet();
        return messages.Select((m, i) => (m, i + 1)).Where(x => uids.Contains((int)x.m.Uid));
    }

    private async Task WriteAsync(params string[] lines)
    {
        foreach (var line in lines)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
        }
    }
}

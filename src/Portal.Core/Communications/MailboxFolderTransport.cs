using MimeKit;

namespace Portal.Core.Communications;

/// <summary>
/// The embedded default's "mail server": each message is written as an .eml file in the mailbox folder, named by its
/// Message-ID so a resend overwrites rather than duplicates. The mailbox page lists them.
/// </summary>
public sealed class MailboxFolderTransport(MailboxFolder folder) : IMailTransport
{
    public async Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder.Path);
        var final = System.IO.Path.Combine(folder.Path, MailboxFolder.FileName(message.MessageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId()));
        var temporary = final + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await message.WriteToAsync(stream, cancellationToken);
        }

        File.Move(temporary, final, overwrite: true);
        return MailSendResult.Sent;
    }

    public IMailSession OpenSession() => new FolderSession(this);

    private sealed class FolderSession(MailboxFolderTransport transport) : IMailSession
    {
        public Task<MailSendResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
            => transport.SendAsync(message, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Where the local mailbox keeps its .eml files.</summary>
public sealed class MailboxFolder(string path)
{
    public string Path { get; } = path;

    public static string FileName(string messageId) =>
        new string(messageId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray()) + ".eml";

    /// <summary>The messages, newest first.</summary>
    public IReadOnlyList<FileInfo> List() =>
        Directory.Exists(Path)
            ? new DirectoryInfo(Path).GetFiles("*.eml").OrderByDescending(file => file.LastWriteTimeUtc).ToList()
            : [];

    /// <summary>A message by its file name, or null; the name is checked so that no path can escape the folder.</summary>
    public FileInfo? Find(string fileName) =>
        List().FirstOrDefault(file => string.Equals(file.Name, fileName, StringComparison.Ordinal));
}

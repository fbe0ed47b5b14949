namespace Portal.Core.Exports;

/// <summary>
/// A write-only stream that keeps what the format writers (StreamWriter, XmlWriter, ZipArchive: synchronous APIs) have
/// written until the export hands it on to the real output asynchronously. A web response refuses synchronous writes,
/// and handing on every few hundred rows keeps no more than those rows in memory.
/// </summary>
internal sealed class PendingBytes : Stream
{
    private readonly MemoryStream pending = new();
    private long written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    // ZipArchive asks where it is to record each entry's offset; on a stream that cannot seek that is what was written.
    public override long Position { get => written; set => throw new NotSupportedException(); }

    public long Pending => pending.Length;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        pending.Write(buffer);
        written += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public async Task HandOnAsync(Stream output, CancellationToken cancellationToken)
    {
        if (pending.Length == 0)
        {
            return;
        }

        await output.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken);
        pending.SetLength(0);
    }

    public override void Flush()
    {
        // Nothing to do: bytes leave only through HandOnAsync.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            pending.Dispose();
        }

        base.Dispose(disposing);
    }
}

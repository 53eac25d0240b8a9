using System.Text;

namespace SignalFactory.Orchestration.Outbox;

/// <summary>
/// Appends each event's payload as one line to a file (JSON Lines) and flushes it to disk before reporting success.
/// A crash between the append and the outbox update appends the line again on the next pass: read by
/// <c>event_id</c>. I/O errors (missing permission, full disk, the file locked by another writer) are retried.
/// </summary>
public sealed class JsonLinesEventSink : IEventSink
{
    /// <summary>The sink name.</summary>
    public const string SinkName = "jsonl";

    private readonly string _path;

    /// <summary>A sink appending to <paramref name="path"/> (its folder is created when missing).</summary>
    public JsonLinesEventSink(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
    }

    /// <inheritdoc />
    public string Name => SinkName;

    /// <summary>The file written.</summary>
    public string FilePath => _path;

    /// <inheritdoc />
    public async Task<SinkResult> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var line = Encoding.UTF8.GetBytes(message.Payload + "\n");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);

            // FileShare.Read: one appender at a time, so lines from two processes never interleave.
            var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            return SinkResult.Ok;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new SinkResult(SinkOutcome.Retry, $"{exception.GetType().Name}: {exception.Message}");
        }
    }
}
